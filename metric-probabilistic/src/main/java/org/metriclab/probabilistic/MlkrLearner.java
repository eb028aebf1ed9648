package org.metriclab.probabilistic;

import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.probabilistic.optim.SmileLbfgs;
import org.metriclab.probabilistic.optim.WolfeLbfgs;

/**
 * Metric learning for kernel regression (Weinberger &amp; Tesauro, AISTATS 2007): minimises the
 * leave-one-out Gaussian-kernel regression error over L (dims×d) with L-BFGS (see
 * {@link MlkrObjective}). Regresses the dataset's real-valued targets when present, otherwise the
 * class ids (as metric-learn does with labels). Solver {@code lbfgs} ({@link WolfeLbfgs}, default) or
 * {@code smile_lbfgs} (Smile's L-BFGS through {@link SmileLbfgs}).
 *
 * <p>Defaults: dims 0 (= d), init identity, solver lbfgs, max_iter 1000, tol 1e-5 (gradient tolerance).
 */
public record MlkrLearner(int dims, Init init, NcaLearner.Solver solver, int maxIter, double tol) implements MetricLearner<MahalanobisMetric> {
    public MlkrLearner {
        if (solver == NcaLearner.Solver.SGD) {
            throw new IllegalArgumentException("mlkr: solver must be lbfgs or smile_lbfgs, got sgd");
        }
        if (dims < 0 || maxIter < 1 || !(tol > 0)) {
            throw new IllegalArgumentException("mlkr: need dims >= 0 (0 = all), max_iter >= 1, tol > 0; got dims=" + dims
                    + ", max_iter=" + maxIter + ", tol=" + tol);
        }
    }

    public static MlkrLearner from(Params p) {
        return new MlkrLearner(p.getInt("dims", 0), p.getEnum("init", Init.IDENTITY),
                p.getEnum("solver", NcaLearner.Solver.LBFGS), p.getInt("max_iter", 1000),
                p.getDouble("tol", 1e-5));
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        if (train.size() < 2) {
            throw new IllegalArgumentException("mlkr needs at least 2 training rows, got " + train.size());
        }
        int d = train.dim();
        int p = Init.outputDim(dims, d, "mlkr");
        MlkrObjective f = new MlkrObjective(train.x(), train.targetsOrLabels(), p);
        double[] l0 = init.transformation(train.x(), p);
        double[] l = solver == NcaLearner.Solver.LBFGS
                ? new WolfeLbfgs(10, tol, maxIter).minimize(f, l0, "mlkr", ctx.progress()).x()
                : new SmileLbfgs(10, tol, maxIter).minimize(f, l0, "mlkr", ctx.progress()).x();
        return new MahalanobisMetric(Matrix.of(p, d, l));
    }
}
