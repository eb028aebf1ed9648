package org.metriclab.probabilistic;

import java.util.Arrays;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.RowSource;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.stochastic.GradientEngine;
import org.metriclab.core.stochastic.StochasticOptions;
import org.metriclab.probabilistic.optim.SmileLbfgs;
import org.metriclab.probabilistic.optim.WolfeLbfgs;
import org.metriclab.probabilistic.stochastic.SoftNeighborEvaluator;
import org.metriclab.probabilistic.stochastic.SoftNeighborLoss;
import org.metriclab.probabilistic.stochastic.StochasticSoftNeighbor;

/**
 * Metric learning for kernel regression (Weinberger &amp; Tesauro, AISTATS 2007): minimises the
 * leave-one-out Gaussian-kernel regression error over L (dims×d) with L-BFGS (see
 * {@link MlkrObjective}). Regresses the dataset's real-valued targets when present, otherwise the
 * class ids (as metric-learn does with labels). Solver {@code lbfgs} ({@link WolfeLbfgs}, default) or
 * {@code smile_lbfgs} (Smile's L-BFGS through {@link SmileLbfgs}); {@code exact} is {@code lbfgs}. The
 * scalable solvers {@code minibatch} and {@code approximate_knn} run {@link StochasticSoftNeighbor}
 * (settings in {@link StochasticOptions}; {@code batch_size} default 64, {@code learning_rate} 0.01,
 * {@code max_iter} counts epochs); approximate_knn's candidates are each row's k nearest rows.
 *
 * <p>Defaults: dims 0 (= d), init identity, solver lbfgs, max_iter 1000, tol 1e-5 (gradient tolerance).
 */
public record MlkrLearner(int dims, Init init, NcaLearner.Solver solver, int maxIter, double tol, StochasticOptions stochastic)
        implements MetricLearner<MahalanobisMetric> {
    public MlkrLearner(int dims, Init init, NcaLearner.Solver solver, int maxIter, double tol) {
        this(dims, init, solver, maxIter, tol, null);
    }

    public MlkrLearner {
        if (solver == NcaLearner.Solver.SGD) {
            throw new IllegalArgumentException("mlkr: solver must be lbfgs or smile_lbfgs, got sgd");
        }
        if (dims < 0 || maxIter < 1 || !(tol > 0)) {
            throw new IllegalArgumentException("mlkr: need dims >= 0 (0 = all), max_iter >= 1, tol > 0; got dims=" + dims
                    + ", max_iter=" + maxIter + ", tol=" + tol);
        }
        if (stochastic == null) {
            stochastic = StochasticOptions.defaults(StochasticOptions.Mode.MINIBATCH, 64, 0.01, maxIter, tol);
        }
    }

    public static MlkrLearner from(Params p) {
        NcaLearner.Solver solver = p.getEnum("solver", NcaLearner.Solver.LBFGS);
        int maxIter = p.getInt("max_iter", 1000);
        double tol = p.getDouble("tol", 1e-5);
        StochasticOptions stochastic = solver.mode() == null ? null : StochasticOptions.from(p, solver.mode(),
                p.getInt("batch_size", 64), p.getDouble("learning_rate", 0.01), maxIter, tol);
        return new MlkrLearner(p.getInt("dims", 0), p.getEnum("init", Init.IDENTITY), solver, maxIter, tol, stochastic);
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        if (train.size() < 2) {
            throw new IllegalArgumentException("mlkr needs at least 2 training rows, got " + train.size());
        }
        int d = train.dim();
        int p = Init.outputDim(dims, d, "mlkr");
        double[] l0 = init.transformation(train.x(), p);
        if (solver.mode() != null) {
            SoftNeighborLoss loss = new SoftNeighborLoss.Mlkr(train.targetsOrLabels());
            RowSource rows = RowSource.of(train.x());
            int[] classes = Arrays.stream(train.labels().toArray()).map(train.labels()::classIndex).toArray();
            try (GradientEngine.Oracle oracle = stochastic.distribution().open(rows, new SoftNeighborEvaluator(loss))) {
                double[] l = new StochasticSoftNeighbor("mlkr", stochastic.withMode(solver.mode())).fit(rows,
                        solver == NcaLearner.Solver.APPROXIMATE_KNN ? null : classes, loss, l0, p, oracle, ctx);
                return new MahalanobisMetric(Matrix.of(p, d, l));
            }
        }
        NcaLearner.requireExactFits("mlkr", train.size());
        MlkrObjective f = new MlkrObjective(train.x(), train.targetsOrLabels(), p);
        double[] l = solver == NcaLearner.Solver.LBFGS || solver == NcaLearner.Solver.EXACT
                ? new WolfeLbfgs(10, tol, maxIter).minimize(f, l0, "mlkr", ctx.progress()).x()
                : new SmileLbfgs(10, tol, maxIter).minimize(f, l0, "mlkr", ctx.progress()).x();
        return new MahalanobisMetric(Matrix.of(p, d, l));
    }
}
