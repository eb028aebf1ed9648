package org.metriclab.probabilistic.stochastic;

import java.util.SplittableRandom;
import org.metriclab.core.data.RowSource;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.stochastic.Batch;
import org.metriclab.core.stochastic.EpochLoop;
import org.metriclab.core.stochastic.GradientOracle;
import org.metriclab.core.stochastic.NeighbourCandidates;
import org.metriclab.core.stochastic.Planner;
import org.metriclab.core.stochastic.ReferenceSampler;
import org.metriclab.core.stochastic.StochasticOptions;

/**
 * The stochastic solvers of the soft-neighbour objectives (NCA, MLKR). They minimise the per-row mean
 * F(L)/n = (1/n) Σ_i f_i(L) + (λ/n)‖L‖²_F, where f_i is row i's term with its softmax over all other
 * rows ({@link SoftNeighborLoss}).
 *
 * <p>Each epoch visits the rows in a fresh random order, in batches B of {@code batch_size} queries
 * (the last batch may be smaller). A step's estimate is g = (1/|B|) Σ_{i∈B} ∇f̃_i + 2(λ/n)L, where f̃_i
 * is f_i with the softmax restricted to
 * <ul>
 *   <li>{@code minibatch}: R, {@code reference_size} rows sampled for the step (uniform or
 *       class-balanced), shared by the batch; or</li>
 *   <li>{@code approximate_knn}: row i's candidates, its exact nearest same-class and other-class rows
 *       under the L of the last refresh ({@link NeighbourCandidates}).</li>
 * </ul>
 *
 * <p>Estimator and bias. Averaging over the batch is unbiased for (1/n) Σ_i ∇f̃_i: with R = all rows,
 * E_B[g] is exactly the gradient of F/n. Restricting the softmax is not: s̃_i is a ratio of sums over R,
 * so E_R[f̃_i] ≠ f_i in general. For {@code minibatch} with uniform R, both sums shrink by m/n in
 * expectation and the bias is O(1/m) (ratio estimator), larger for a peaked softmax whose mass sits on
 * few rows that R often misses; class-balanced R over-weights rare classes' neighbours. For
 * {@code approximate_knn} the softmax drops the rows outside the 2k candidates: the bias is bounded by
 * the softmax mass beyond them (small once the metric separates the classes) plus the staleness of
 * candidates found with an older L.
 *
 * <p>Memory: L, the gradient and the optimiser's moments (O(p·d)), one batch's rows and embeddings
 * (O((b + m)·d)), and the epoch's visiting order (n ints). {@code approximate_knn} also holds the
 * candidate lists (2k·n ints) and, during a refresh, the embedded data (n·p doubles).
 *
 * <p>Progress: per epoch the mean loss of the visited batches ({@link Progress#iteration},
 * {@link Progress#EPOCH_LOSS}) and the rows per second ({@link Progress#SAMPLES_PER_SECOND}). A
 * non-finite loss or step stops the fit naming {@code learning_rate} and the epoch ({@link EpochLoop});
 * no model is returned.
 */
public final class StochasticSoftNeighbor {
    private final String learner;
    private final StochasticOptions options;

    public StochasticSoftNeighbor(String learner, StochasticOptions options) {
        this.learner = learner;
        this.options = options;
    }

    /**
     * Fits L (p×d, row-major, starting from {@code l0}) on the rows of {@code x}; {@code classes} are
     * dense class indices 0..C−1 per row (for class-balanced sampling and NCA's candidates), or null for
     * regression targets. {@code oracle} evaluates the batches (locally or distributed).
     */
    public double[] fit(RowSource x, int[] classes, SoftNeighborLoss loss, double[] l0, int p, GradientOracle oracle,
                        FitContext ctx) {
        int n = x.rows();
        options.requireFits(learner, n, classes == null ? -1 : StochasticOptions.smallestClass(classes));
        Planner planner = options.mode() == StochasticOptions.Mode.MINIBATCH
                ? new SharedReferences(new ReferenceSampler(n, options.referenceSize(), options.sampling(), classes))
                : new NearestCandidates(NeighbourCandidates.installed(learner, "solver approximate_knn",
                        "add metric-eval or use solver minibatch"), x, classes, options.neighbours(), options.refreshEvery());
        return new EpochLoop(learner, options).run(n, loss.penalty(), l0, p, planner, oracle, ctx);
    }

    /** {@code minibatch}: one sampled reference set per step, shared by the batch. */
    private record SharedReferences(ReferenceSampler sampler) implements Planner {
        @Override
        public void startEpoch(int epoch, double[] l, int p) {
        }

        @Override
        public Batch plan(int[] queries, SplittableRandom rng) {
            return new Batch.Shared(queries, sampler.sample(rng));
        }
    }

    /** {@code approximate_knn}: each query's nearest same- and other-class rows, refreshed every few epochs. */
    private static final class NearestCandidates implements Planner {
        private final NeighbourCandidates search;
        private final RowSource x;
        private final int[] classes;
        private final int k;
        private final int every;
        private int[][] candidates;

        NearestCandidates(NeighbourCandidates search, RowSource x, int[] classes, int k, int every) {
            this.search = search;
            this.x = x;
            this.classes = classes;
            this.k = k;
            this.every = every;
        }

        @Override
        public void startEpoch(int epoch, double[] l, int p) {
            if ((epoch - 1) % every == 0) {
                candidates = search.find(x, l, p, classes, k).merged();
            }
        }

        @Override
        public Batch plan(int[] queries, SplittableRandom rng) {
            int[][] c = new int[queries.length][];
            for (int a = 0; a < queries.length; a++) {
                c[a] = candidates[queries[a]];
            }
            return new Batch.Candidates(queries, c);
        }
    }
}
