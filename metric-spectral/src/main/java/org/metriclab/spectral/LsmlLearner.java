package org.metriclab.spectral;

import org.metriclab.core.constraint.Quadruplets;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;
import org.metriclab.core.linalg.RowPairs;

/**
 * LSML, metric learning from relative comparisons by minimising squared residual (Liu et al., ICDM
 * 2012), as metric-learn 0.7 with the identity prior M₀ = I:
 * minimise F(M) = Σ_c w_c H(d_M(a,b) − d_M(c,d)) + tr(M M₀⁻¹) − log det M with H(z) = max(z, 0)² on
 * unsquared distances and w_c = 1/|C| by default. Each iteration tries 10 step sizes
 * logspace(−10, 0)/‖∇F‖ along −∇F, projects each trial onto eigenvalues ≥ 1e-8, keeps the best that
 * lowers F, and stops when none does or ‖∇F‖ &lt; tol. With {@code gradient: exact} (default) the search
 * direction is the exact gradient of F; {@code gradient: metric_learn} reproduces metric-learn 0.7, whose
 * gradient leaves the weights w_c out of the hinge term (Σ_c instead of Σ_c w_c, i.e. |C| times the
 * hinge part of ∇F) while the loss it compares keeps them. Defaults: tol 1e-3, max_iter 1000,
 * comparison_weight 1 (w_c = comparison_weight/|C|), gradient exact.
 */
public record LsmlLearner(double tol, int maxIter, double comparisonWeight, Gradient gradientKind)
        implements ConstraintLearner<Quadruplets, MahalanobisMetric> {
    private static final String WHO = "lsml";

    /** Which search direction the descent uses. */
    public enum Gradient {
        /** ∇F, the gradient of the objective minimised. */
        EXACT,
        /** metric-learn 0.7's direction: the hinge part of ∇F without the weights w_c. */
        METRIC_LEARN
    }

    /** The exact gradient. */
    public LsmlLearner(double tol, int maxIter, double comparisonWeight) {
        this(tol, maxIter, comparisonWeight, Gradient.EXACT);
    }

    public LsmlLearner {
        if (!(tol > 0) || maxIter < 1 || !(comparisonWeight > 0) || Double.isInfinite(comparisonWeight)) {
            throw new IllegalArgumentException(WHO + ": need tol > 0, max_iter >= 1, comparison_weight > 0; got " + tol + ", "
                    + maxIter + ", " + comparisonWeight);
        }
        if (gradientKind == null) {
            throw new IllegalArgumentException(WHO + ": gradient must be one of exact, metric_learn");
        }
    }

    public static LsmlLearner from(Params p) {
        return new LsmlLearner(p.getDouble("tol", 1e-3), p.getInt("max_iter", 1000), p.getDouble("comparison_weight", 1.0),
                p.getEnum("gradient", Gradient.EXACT));
    }

    /** The objective F(M); +∞ when M is not positive definite. */
    double loss(Matrix m, Matrix vab, Matrix vcd) {
        EigenPairs e = Eigen.symmetric(m);
        double logdet = 0;
        for (double v : e.values()) {
            if (!(v > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            logdet += Math.log(v);
        }
        double[] dab = MmcLearner.distances(vab, m);
        double[] dcd = MmcLearner.distances(vcd, m);
        double w = comparisonWeight / dab.length;
        double hinge = 0;
        for (int c = 0; c < dab.length; c++) {
            if (dab[c] > dcd[c]) {
                hinge += w * (dab[c] - dcd[c]) * (dab[c] - dcd[c]);
            }
        }
        return hinge + m.trace() - logdet;
    }

    /** The search direction at m: ∇F, or metric-learn's unweighted variant. */
    Matrix gradient(Matrix m, Matrix vab, Matrix vcd) {
        double[] dab = MmcLearner.distances(vab, m);
        double[] dcd = MmcLearner.distances(vcd, m);
        double w = gradientKind == Gradient.EXACT ? comparisonWeight / dab.length : 1.0;
        int d = m.rows();
        double[] a = vab.toArray();
        double[] c = vcd.toArray();
        double[] g = Psd.inverse(m).scale(-1).plusIdentity(1.0).toArray();
        for (int q = 0; q < dab.length; q++) {
            if (dab[q] > dcd[q] && dab[q] > 0 && dcd[q] > 0) {
                double fa = w * (1 - dcd[q] / dab[q]);
                double fc = w * (1 - dab[q] / dcd[q]);
                for (int i = 0; i < d; i++) {
                    double ai = fa * a[q * d + i];
                    double ci = fc * c[q * d + i];
                    for (int j = 0; j < d; j++) {
                        g[i * d + j] += ai * a[q * d + j] + ci * c[q * d + j];
                    }
                }
            }
        }
        return Matrix.of(d, d, g);
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Quadruplets q, FitContext ctx) {
        Scatter.requireUsable(x, q, WHO);
        Matrix vab = new RowPairs(q.a(), q.b()).differences(x);
        Matrix vcd = new RowPairs(q.c(), q.d()).differences(x);
        Matrix m = Matrix.identity(x.cols());
        double best = loss(m, vab, vcd);
        int it = 0;
        boolean converged = false;
        for (; it < maxIter; it++) {
            Matrix grad = gradient(m, vab, vcd);
            double norm = grad.frobeniusNorm();
            if (norm < tol) {
                converged = true;
                break;
            }
            Matrix mBest = null;
            for (int s = 0; s < 10; s++) {
                double step = Math.pow(10, -10 + 10.0 * s / 9) / norm;
                Matrix trial = Psd.apply(m.minus(grad.scale(step)), v -> Math.max(v, 1e-8));
                double f = loss(trial, vab, vcd);
                if (f < best) {
                    best = f;
                    mBest = trial;
                }
            }
            ctx.progress().iteration(it, best);
            if (mBest == null) {
                converged = true;
                break;
            }
            m = mBest;
        }
        ctx.progress().finished(it, best, converged);
        return MahalanobisMetric.fromPsd(m);
    }
}
