package org.metriclab.probabilistic;

import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;
import org.metriclab.probabilistic.optim.OptimResult;
import org.metriclab.probabilistic.optim.ProjectedGradient;

/**
 * Metric learning by collapsing classes (Globerson &amp; Roweis, NIPS 2005): the convex problem
 * min_{M⪰0} Σ_i KL(p₀(·|i) ‖ p^M(·|i)) (see {@link McmlObjective}), solved by projected gradient on
 * the PSD cone with Armijo backtracking (monotone decrease), starting from M = I. With dims &lt; d the
 * solution's spectrum is truncated to its top {@code dims} eigenvalues afterwards (not optimal; as in
 * the paper).
 *
 * <p>Defaults: dims 0 (= d), max_iter 100, tol 1e-4, step 1.0 (first trial step; adaptive).
 */
public record McmlLearner(int dims, int maxIter, double tol, double step) implements MetricLearner<MahalanobisMetric> {
    public McmlLearner {
        if (dims < 0 || maxIter < 1 || !(tol > 0) || !(step > 0)) {
            throw new IllegalArgumentException("mcml: need dims >= 0 (0 = all), max_iter >= 1, tol > 0, step > 0; got dims="
                    + dims + ", max_iter=" + maxIter + ", tol=" + tol + ", step=" + step);
        }
    }

    public static McmlLearner from(Params p) {
        return new McmlLearner(p.getInt("dims", 0), p.getInt("max_iter", 100), p.getDouble("tol", 1e-4), p.getDouble("step", 1.0));
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        if (train.size() < 2) {
            throw new IllegalArgumentException("mcml needs at least 2 training rows, got " + train.size());
        }
        int d = train.dim();
        int p = Init.outputDim(dims, d, "mcml");
        McmlObjective f = new McmlObjective(train.x(), train.labels().toArray());
        OptimResult r = new ProjectedGradient(maxIter, tol, step).minimize(f, Matrix.identity(d).toArray(),
                v -> Psd.project(Matrix.of(d, d, v).symmetrize()).toArray(), "mcml", ctx.progress());
        Matrix m = Matrix.of(d, d, r.x());
        if (p < d) {
            // the factor's rows come by decreasing eigenvalue: the top p give the best rank-p metric
            return new MahalanobisMetric(Psd.factor(m).topRows(p));
        }
        return MahalanobisMetric.fromPsd(m);
    }
}
