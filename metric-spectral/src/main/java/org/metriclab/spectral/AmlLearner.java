package org.metriclab.spectral;

import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;

/**
 * AML, adversarial metric learning (Chen, Gong, Yang, Li, Wei &amp; Li, IJCAI 2018) on GMML's pair loss:
 * rounds alternate the confusion stage (adversarial pairs near the training pairs that maximise the
 * loss under the proximity penalty β, closed form) and the distinguishment stage (the SPD M minimising
 * the loss on the original pairs plus α times the loss on the adversarial pairs, a geometric mean);
 * see {@link AmlGame}. The first round starts from GMML's M (the distinguishment stage without
 * adversarial pairs), so α = 0 is {@code gmml} with t = ½ on the same pairs and regularisation.
 * Each round moves M halfway along the SPD geodesic to the distinguishment stage's answer,
 * M_{t+1} = M_t #_{1/2} G(M_t): plain alternation of the two best responses cycles, the damped
 * iteration settles, and its fixed points are those of G (an equilibrium of the two stages).
 * Rounds stop when ‖M_{t+1} − M_t‖_F ≤ tol·‖M_{t+1}‖_F.
 *
 * <p>The dissimilar confusion stage has a maximum only while βλ_min(M)² &gt; 2, and its adversarial
 * differences grow without bound as βλ_min(M)² approaches 2; each round therefore uses
 * max(β, 4/λ_min(M)²), which keeps every adversarial difference within twice the original one, and the
 * fit warns when the last round used more than the given β.
 * Defaults: alpha 1 (&gt;= 0), beta 4 (&gt; 2), reg 1e-6 (as gmml), max_iter 50, tol 1e-8.
 */
public record AmlLearner(double alpha, double beta, double reg, int maxIter, double tol)
        implements ConstraintLearner<Pairs, MahalanobisMetric> {
    private static final String WHO = "aml";

    public AmlLearner {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException(WHO + ": alpha (adversarial weight) must be a finite number >= 0, got " + alpha);
        }
        if (!(beta > 2) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException(WHO + ": beta (proximity penalty) must be a finite number > 2, got " + beta);
        }
        if (!(reg > 0) || Double.isInfinite(reg)) {
            throw new IllegalArgumentException(WHO + ": reg must be a finite number > 0, got " + reg);
        }
        if (maxIter < 1 || !(tol > 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException(WHO + ": need max_iter >= 1 and a finite tol > 0, got " + maxIter + ", " + tol);
        }
    }

    public static AmlLearner from(Params p) {
        return new AmlLearner(p.getDouble("alpha", 1.0), p.getDouble("beta", 4.0), p.getDouble("reg", 1e-6), p.getInt("max_iter", 50),
                p.getDouble("tol", 1e-8));
    }

    /** The β a round uses: max(β, 4/λ_min(M)²). */
    double effectiveBeta(Matrix m) {
        double[] values = Eigen.symmetric(m).values();
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
        }
        return Math.max(beta, 4.0 / (min * min));
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        Scatter.requireUsable(x, pairs, WHO);
        MarginSpectralLearner.requireBothKinds(pairs, WHO);
        Matrix[] sd = new GmmlLearner(0.5, reg).scatters(x, pairs);
        Matrix sRaw = Scatter.rowPairs(pairs, true).scatter(x);
        Matrix dRaw = Scatter.rowPairs(pairs, false).scatter(x);
        AmlGame game = new AmlGame(alpha, beta);
        Matrix m = AmlGame.distinguish(sd[0], sd[1]);
        boolean converged = false;
        double used = beta;
        double value = Double.NaN;
        int it = 0;
        while (it < maxIter) {
            double b = effectiveBeta(m);
            used = b;
            Matrix[] ab = game.distinguishmentScatters(m, b, sd[0], sd[1], sRaw, dRaw);
            Matrix next = Psd.geometricMean(m, AmlGame.distinguish(ab[0], ab[1]), 0.5);
            double change = next.minus(m).frobeniusNorm();
            m = next;
            value = game.value(m, effectiveBeta(m), sd[0], sd[1], sRaw, dRaw);
            ctx.progress().iteration(it++, value);
            if (change <= tol * m.frobeniusNorm()) {
                converged = true;
                break;
            }
        }
        if (used > beta) {
            ctx.progress().warn(String.format(java.util.Locale.ROOT, "%s: the last round used proximity %.4g = 4/λ_min(M)² instead of "
                    + "beta = %.4g, which would let adversarial differences grow past twice the original ones", WHO, used, beta));
        }
        if (!converged) {
            ctx.progress().warn(WHO + ": stopped at max_iter = " + maxIter + " before M changed by less than tol = " + tol
                    + " (relative); raise max_iter or tol");
        }
        ctx.progress().finished(it, value, converged);
        return MahalanobisMetric.fromPsd(m);
    }
}
