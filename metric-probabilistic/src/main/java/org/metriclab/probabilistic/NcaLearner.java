package org.metriclab.probabilistic;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.RowSource;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.resource.MemoryBudget;
import org.metriclab.core.stochastic.GradientEngine;
import org.metriclab.core.stochastic.StochasticOptions;
import org.metriclab.probabilistic.optim.SmileLbfgs;
import org.metriclab.probabilistic.optim.WolfeLbfgs;
import org.metriclab.probabilistic.stochastic.SoftNeighborEvaluator;
import org.metriclab.probabilistic.stochastic.SoftNeighborLoss;
import org.metriclab.probabilistic.stochastic.StochasticSoftNeighbor;

/**
 * Neighbourhood components analysis (Goldberger, Roweis, Hinton &amp; Salakhutdinov, NIPS 2004):
 * maximises the expected leave-one-out 1-NN accuracy Σ_i p_i under softmax neighbour probabilities,
 * over L (dims×d). See {@link NcaObjective} for the objective and gradient.
 *
 * <p>Solvers: {@code lbfgs} (full batch, {@link WolfeLbfgs}: L-BFGS with a strong-Wolfe line search,
 * which follows scipy's L-BFGS-B as metric-learn uses it; {@code max_iter} iterations, gradient
 * tolerance {@code tol}), {@code smile_lbfgs} (full batch, Smile's L-BFGS through {@link SmileLbfgs}) and
 * {@code sgd} (stochastic: each epoch visits shuffled mini-batches of {@code batch_size} rows, neighbours restricted to the batch, step
 * {@code learning_rate}/batch; {@code max_iter} epochs, stops when the epoch's mean objective changes
 * by less than {@code tol} relatively). {@code exact} is {@code lbfgs}, the reference for the two
 * scalable solvers {@code minibatch} and {@code approximate_knn} ({@link StochasticSoftNeighbor}: the
 * softmax over a sampled reference batch or over each row's nearest candidates, Adam or SGD, memory
 * O(batch·d + d²); their settings and estimator are documented there and in {@link StochasticOptions}).
 *
 * <p>Defaults: dims 0 (= d), init identity, solver lbfgs, max_iter 100, tol 1e-5, regularization 0,
 * batch_size 64, learning_rate 0.01.
 */
public record NcaLearner(int dims, Init init, Solver solver, int maxIter, double tol, double regularization, int batchSize,
        double learningRate, StochasticOptions stochastic) implements MetricLearner<MahalanobisMetric> {
    /**
     * Full-batch L-BFGS ({@code exact} = {@code lbfgs}), mini-batch stochastic gradient descent with the
     * softmax inside the batch ({@code sgd}), or a scalable stochastic solver ({@code minibatch},
     * {@code approximate_knn}).
     */
    public enum Solver {
        EXACT, LBFGS, SMILE_LBFGS, SGD, MINIBATCH, APPROXIMATE_KNN;

        /** The stochastic mode of {@code minibatch} and {@code approximate_knn}; null for the others. */
        public StochasticOptions.Mode mode() {
            return this == MINIBATCH ? StochasticOptions.Mode.MINIBATCH
                    : this == APPROXIMATE_KNN ? StochasticOptions.Mode.APPROXIMATE_KNN : null;
        }
    }

    public NcaLearner {
        if (dims < 0 || maxIter < 1 || !(tol > 0) || !(regularization >= 0) || batchSize < 2 || !(learningRate > 0)) {
            throw new IllegalArgumentException("nca: need dims >= 0 (0 = all), max_iter >= 1, tol > 0, regularization >= 0, "
                    + "batch_size >= 2, learning_rate > 0; got dims=" + dims + ", max_iter=" + maxIter + ", tol=" + tol
                    + ", regularization=" + regularization + ", batch_size=" + batchSize + ", learning_rate=" + learningRate);
        }
        if (stochastic == null) {
            stochastic = StochasticOptions.defaults(StochasticOptions.Mode.MINIBATCH, batchSize, learningRate, maxIter, tol);
        }
    }

    public NcaLearner(int dims, Init init, Solver solver, int maxIter, double tol, double regularization, int batchSize,
                      double learningRate) {
        this(dims, init, solver, maxIter, tol, regularization, batchSize, learningRate, null);
    }

    public static NcaLearner from(Params p) {
        Solver solver = p.getEnum("solver", Solver.LBFGS);
        int maxIter = p.getInt("max_iter", 100);
        double tol = p.getDouble("tol", 1e-5);
        int batch = p.getInt("batch_size", 64);
        double rate = p.getDouble("learning_rate", 0.01);
        StochasticOptions stochastic = solver.mode() == null ? null : StochasticOptions.from(p, solver.mode(), batch, rate, maxIter, tol);
        return new NcaLearner(p.getInt("dims", 0), p.getEnum("init", Init.IDENTITY), solver, maxIter, tol,
                p.getDouble("regularization", 0.0), batch, rate, stochastic);
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        if (train.size() < 2) {
            throw new IllegalArgumentException("nca needs at least 2 training rows, got " + train.size());
        }
        int d = train.dim();
        int p = Init.outputDim(dims, d, "nca");
        double[] l0 = init.transformation(train.x(), p);
        int[] y = train.labels().toArray();
        if (solver == Solver.EXACT || solver == Solver.LBFGS || solver == Solver.SMILE_LBFGS) {
            requireExactFits("nca", train.size());
        }
        double[] l = switch (solver) {
            case EXACT, LBFGS -> new WolfeLbfgs(10, tol, maxIter).minimize(new NcaObjective(train.x(), y, p, regularization), l0,
                    "nca", ctx.progress()).x();
            case SMILE_LBFGS -> new SmileLbfgs(10, tol, maxIter).minimize(new NcaObjective(train.x(), y, p, regularization), l0,
                    "nca", ctx.progress()).x();
            case SGD -> sgd(train.x(), y, p, l0, ctx);
            case MINIBATCH, APPROXIMATE_KNN -> stochastic(train, p, l0, ctx);
        };
        return new MahalanobisMetric(Matrix.of(p, d, l));
    }

    /**
     * The exact objectives hold an n×n distance matrix: refuse sizes the heap cannot hold (n² would
     * also overflow an array index beyond 46,340 rows) with the way out, before allocating.
     */
    static void requireExactFits(String who, int n) {
        MemoryBudget.require(MemoryBudget.bytes((long) n * n, MemoryBudget.DOUBLE), who + " (exact solver) on " + n
                + " rows (an n×n distance matrix)", "use solver=minibatch or solver=approximate_knn, whose memory does not grow with n²");
        if ((long) n * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(who + ": the exact solver handles at most 46340 rows (n² distances in one array), got "
                    + n + "; use solver=minibatch or solver=approximate_knn");
        }
    }

    /** {@code minibatch} / {@code approximate_knn}: the stochastic solver over the rows in memory. */
    private double[] stochastic(Dataset train, int p, double[] l0, FitContext ctx) {
        int[] classes = Arrays.stream(train.labels().toArray()).map(train.labels()::classIndex).toArray();
        SoftNeighborLoss loss = new SoftNeighborLoss.Nca(classes, regularization);
        RowSource rows = RowSource.of(train.x());
        try (GradientEngine.Oracle oracle = stochastic.distribution().open(rows, new SoftNeighborEvaluator(loss))) {
            return new StochasticSoftNeighbor("nca", stochastic.withMode(solver.mode())).fit(rows, classes, loss, l0, p, oracle, ctx);
        }
    }

    private double[] sgd(Matrix x, int[] y, int p, double[] l, FitContext ctx) {
        SplittableRandom rng = ctx.random("batches");
        int n = x.rows();
        int b = Math.min(batchSize, n);
        double[] g = new double[l.length];
        double previous = Double.NaN;
        boolean converged = false;
        int epoch = 0;
        double mean = Double.NaN;
        while (epoch < maxIter && !converged) {
            epoch++;
            int[] order = FitContext.permutation(n, rng);
            double sum = 0;
            int batches = 0;
            for (int start = 0; start + b <= n; start += b) {
                int[] rows = Arrays.copyOfRange(order, start, start + b);
                int[] yb = new int[b];
                for (int k = 0; k < b; k++) {
                    yb[k] = y[rows[k]];
                }
                sum += new NcaObjective(x.rows(rows), yb, p, regularization).valueAndGradient(l, g) / b;
                for (int k = 0; k < l.length; k++) {
                    l[k] -= learningRate * g[k] / b;
                }
                batches++;
            }
            mean = sum / batches;
            if (!Double.isFinite(mean)) {
                throw new FitException("nca", "the SGD objective became " + mean + " at epoch " + epoch,
                        "lower learning_rate or standardise the features");
            }
            ctx.progress().iteration(epoch, mean);
            converged = epoch > 1 && Math.abs(previous - mean) <= tol * Math.max(1.0, Math.abs(mean));
            previous = mean;
        }
        if (!converged) {
            ctx.progress().warn("nca (sgd): stopped at max_iter=" + maxIter + " epochs without converging (objective "
                    + mean + ")");
        }
        ctx.progress().finished(epoch, mean, converged);
        return l;
    }
}
