package org.metriclab.probabilistic;

import org.metriclab.core.baseline.CovarianceLearner;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Supervised;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;
import org.metriclab.core.linalg.RowPairs;

/**
 * Sparse determinant metric learning (Qi, Tang, Zha, Chua &amp; Zhang, ICML 2009), as metric-learn 0.7.0:
 * M = argmin tr((M₀⁻¹ + η Σ_pairs y_ij C_ij) M) − log det M + λ Σ_{i≠j}|M_ij| with y = +1 for similar and
 * −1 for dissimilar pairs, solved by {@link GraphicalLasso} with S = M₀⁻¹ + η·(balanced pair scatter).
 * As in metric-learn, when S has a negative eigenvalue its spectrum is shifted to be positive and a
 * warning is reported; here the smallest eigenvalue becomes 1e-3·|λ_max| (metric-learn's 1e-10 leaves
 * the lasso numerically singular) and the shifted matrix is also the lasso's input (the unshifted one
 * has no solution). The objective reported is the glasso objective, one iteration per glasso sweep.
 *
 * <p>Defaults (metric-learn's): balance_param η = 0.5, sparsity_param λ = 0.01, prior identity (M₀ = I)
 * or covariance (M₀ = inverse sample covariance, so M₀⁻¹ = covariance), max_iter 100 sweeps, tol 1e-4,
 * constraints 0 (= 20·classes² pairs of each kind when supervised).
 */
public record SdmlLearner(double balanceParam, double sparsityParam, ItmlLearner.Prior prior, int maxIter, double tol)
        implements ConstraintLearner<Pairs, MahalanobisMetric> {
    private static final String WHO = "sdml";

    public SdmlLearner {
        if (!(balanceParam >= 0) || !(sparsityParam >= 0) || maxIter < 1 || !(tol > 0)) {
            throw new IllegalArgumentException("sdml: need balance_param >= 0, sparsity_param >= 0, max_iter >= 1, tol > 0; got "
                    + balanceParam + ", " + sparsityParam + ", " + maxIter + ", " + tol);
        }
    }

    public static SdmlLearner from(Params p) {
        return new SdmlLearner(p.getDouble("balance_param", 0.5), p.getDouble("sparsity_param", 0.01),
                p.getEnum("prior", ItmlLearner.Prior.IDENTITY), p.getInt("max_iter", 100), p.getDouble("tol", 1e-4));
    }

    public static Supervised<Pairs, MahalanobisMetric> supervised(Params p) {
        return new Supervised<>(from(p), new RandomPairs(p.getInt("constraints", 0)));
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        pairs.requireIndicesBelow(x.rows());
        if (pairs.size() == 0) {
            throw new IllegalArgumentException("sdml needs at least one pair, got none");
        }
        int d = x.cols();
        double[] y = new double[pairs.size()];
        for (int k = 0; k < y.length; k++) {
            y[k] = pairs.isSimilar(k) ? 1.0 : -1.0;
        }
        Matrix loss = new RowPairs(pairs.left(), pairs.right()).scatter(x, y);
        Matrix priorInverse = priorInverse(x);
        Matrix s = priorInverse.plus(loss.scale(balanceParam)).symmetrize();
        EigenPairs e = Eigen.symmetric(s);
        double min = e.value(e.size() - 1);
        if (min < 0) {
            double floor = 1e-3 * Math.abs(e.value(0));
            s = Psd.apply(s, v -> v - min + floor);
        }
        GraphicalLasso glasso = new GraphicalLasso(sparsityParam, maxIter, tol, 1e-4);
        GraphicalLasso.Result r;
        try {
            r = glasso.fit(s, s);
        } catch (ArithmeticException diverged) {
            throw new FitException(WHO, diverged.getMessage() + (min < 0 ? ", after its input M0^-1 + balance_param*scatter "
                    + "was shifted from smallest eigenvalue " + min : ""), hint(), diverged);
        }
        if (min < 0) {
            // reported only for a fit that succeeds: a failed one says it in its one-line error
            ctx.progress().warn("sdml: the graphical lasso input M0^-1 + balance_param*scatter is not PSD (smallest eigenvalue "
                    + min + "); its spectrum was shifted. To avoid the shift, " + hint());
        }
        double objective = glasso.objective(s, r.precision());
        ctx.progress().iteration(r.iterations(), objective);
        if (!r.converged()) {
            ctx.progress().warn("sdml: graphical lasso stopped at max_iter=" + maxIter + " sweeps (duality gap " + r.gap() + ")");
        }
        ctx.progress().finished(r.iterations(), objective, r.converged());
        if (!r.precision().isFinite()) {
            throw new FitException(WHO, "the graphical lasso returned a non-finite precision matrix", hint());
        }
        double[] ev = Eigen.symmetric(r.precision()).values();
        if (!(ev[ev.length - 1] >= 0)) {
            throw new FitException(WHO, "the learned matrix is not positive semi-definite (smallest eigenvalue "
                    + ev[ev.length - 1] + ")", hint());
        }
        return MahalanobisMetric.fromPsd(r.precision());
    }

    /** How to get a fit: a smaller pair term keeps the lasso input positive definite. */
    private String hint() {
        return "lower balance_param (e.g. " + (balanceParam > 1e-4 ? "1e-4" : String.valueOf(balanceParam / 100))
                + ") or raise sparsity_param"
                + (prior == ItmlLearner.Prior.COVARIANCE ? ", or use prior=identity" : "");
    }

    private Matrix priorInverse(Matrix x) {
        if (prior == ItmlLearner.Prior.IDENTITY) {
            return Matrix.identity(x.cols());
        }
        if (x.rows() < 2) {
            throw new IllegalArgumentException("sdml: prior=covariance needs at least 2 rows, got " + x.rows());
        }
        return CovarianceLearner.covariance(x);
    }
}
