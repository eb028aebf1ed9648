package org.metriclab.spectral;

import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;

/**
 * The margin-constrained formulation (Ghojogh et al. 2022, §3.1; Xing et al. 2002 with squared
 * dissimilar distances): minimise Σ_S ‖x_i − x_j‖²_W subject to Σ_D ‖x_i − x_j‖²_W ≥ α, W ⪰ 0.
 *
 * <p>Solver: with S = Σ_S and D = Σ_D the problem is the linear program min tr(WS) s.t. tr(WD) ≥ α over
 * the PSD cone, whose optimum is rank one: W = (α/λ₁) u₁u₁ᵀ with (λ₁, u₁) the top pair of the
 * generalized eigenproblem D u = λ (S + ridge) u, uᵀ(S + ridge)u = 1 (objective α/λ₁). For
 * {@code dims} = p &gt; 1 the top p pairs are kept with weights c_k = α λ_k / Σ λ_j² (so the
 * constraint still holds with equality and directions count by their discriminative ratio); dims = 0
 * keeps every direction with λ &gt; 0. Defaults: alpha 1, dims 1, ridge 1e-6 (relative to tr(S)/d).
 */
public record MarginSpectralLearner(int dims, double alpha, double ridge) implements ConstraintLearner<Pairs, MahalanobisMetric> {
    private static final String WHO = "margin_spectral";

    public MarginSpectralLearner {
        Scatter.requireNonNegativeDims(dims, WHO);
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException(WHO + ": alpha must be a finite number > 0, got " + alpha);
        }
        Scatter.requireRidge(ridge, WHO);
    }

    public static MarginSpectralLearner from(Params p) {
        return new MarginSpectralLearner(p.getInt("dims", 1), p.getDouble("alpha", 1.0), p.getDouble("ridge", 1e-6));
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        Scatter.requireUsable(x, pairs, WHO);
        requireBothKinds(pairs, WHO);
        Matrix s = Scatter.rowPairs(pairs, true).scatter(x);
        Matrix d = Scatter.rowPairs(pairs, false).scatter(x);
        EigenPairs e = Scatter.generalized(d, s, ridge, WHO + ": similar-pair scatter Σ_S");
        int positive = Scatter.rank(e.values(), 1e-12);
        if (positive == 0) {
            throw new IllegalArgumentException(WHO + ": the dissimilar pairs have no spread (Σ_D = 0), no W can meet the margin");
        }
        int p = Scatter.dims(dims, positive, positive, WHO, ctx.progress());
        EigenPairs top = e.top(p);
        double norm = 0;
        for (int k = 0; k < p; k++) {
            norm += top.value(k) * top.value(k);
        }
        Matrix v = top.vectors();
        int dim = x.cols();
        double[] l = new double[p * dim];
        for (int k = 0; k < p; k++) {
            double c = alpha * top.value(k) / norm;
            double s2 = Math.sqrt(c);
            for (int j = 0; j < dim; j++) {
                l[k * dim + j] = s2 * v.get(j, k);
            }
        }
        return new MahalanobisMetric(Matrix.of(p, dim, l));
    }

    static void requireBothKinds(Pairs pairs, String who) {
        int similar = pairs.similarCount();
        if (similar == 0 || similar == pairs.size()) {
            throw new IllegalArgumentException(who + " needs both similar and dissimilar pairs, got " + similar + " similar of "
                    + pairs.size());
        }
    }
}
