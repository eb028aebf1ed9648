package org.metriclab.spectral.stochastic;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.metriclab.core.data.RowSource;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.stochastic.Batch;
import org.metriclab.core.stochastic.EpochLoop;
import org.metriclab.core.stochastic.GradientEngine;
import org.metriclab.core.stochastic.NeighbourCandidates;
import org.metriclab.core.stochastic.Planner;
import org.metriclab.core.stochastic.ReferenceSampler;
import org.metriclab.core.stochastic.StochasticOptions;

/**
 * Stochastic LMNN: minimises (1/n) Σ_i f_i ({@link LmnnLoss}) with the {@link EpochLoop} (Adam or SGD
 * over batches of queries). Target neighbours are fixed, as in LMNN: each row's k nearest rows of its
 * class in the input space, found once by the installed exact search ({@link NeighbourCandidates}; metric-eval provides it).
 * Impostor candidates per query:
 * <ul>
 *   <li>{@code minibatch}: the other-class rows among {@code reference_size} rows sampled for the
 *       step (uniform or class-balanced);</li>
 *   <li>{@code approximate_knn}: its {@code impostors} nearest other-class rows under the current L,
 *       found by the same exact search and refreshed every {@code refresh_every} epochs.</li>
 * </ul>
 *
 * <p>Estimator and bias. With every other-class row as a candidate, the batch mean is unbiased for
 * (1/n) Σ_i f_i (only the queries are sampled). {@code minibatch} sees each impostor triple with
 * probability m/n, so its push term is unbiased after scaling by n/m only in expectation over R: the
 * solver instead uses the sampled triples as they are, which scales the push weight by about m/n (a
 * smaller effective 1 − μ) and is the documented bias of this mode. {@code approximate_knn} drops the
 * triples whose impostor is not among the nearest candidates: those are the farthest other-class rows,
 * whose hinges are the least likely to be active, plus staleness between refreshes.
 *
 * <p>Memory: k·n target indices, (for approximate_knn) impostors·n candidate indices and, during a
 * refresh, the embedded data (n·p); per step O(batch·(k + candidates)·d).
 */
public final class StochasticLmnn {
    private final StochasticOptions options;

    public StochasticLmnn(StochasticOptions options) {
        this.options = options;
    }

    /** Fits L (p×d from {@code l0}) with k targets per row; {@code classes} are dense indices 0..C−1. */
    public double[] fit(RowSource x, int[] classes, int k, double pull, double[] l0, int p, FitContext ctx) {
        int n = x.rows();
        int smallest = StochasticOptions.smallestClass(classes);
        if (k > smallest - 1) {
            throw new IllegalArgumentException("lmnn: k must be in 1.." + (smallest - 1) + " (smallest class size " + smallest
                    + " − 1) for target neighbours, got " + k);
        }
        if (options.batchSize() > n) {
            throw new IllegalArgumentException("lmnn: batch_size must be in 1.." + n + " (the training rows), got " + options.batchSize());
        }
        if (options.mode() == StochasticOptions.Mode.MINIBATCH && options.referenceSize() > n) {
            throw new IllegalArgumentException("lmnn: reference_size must be in 2.." + n + " (the training rows), got "
                    + options.referenceSize());
        }
        int d = x.dim();
        double[] identity = new double[d * d];
        for (int a = 0; a < d; a++) {
            identity[a * d + a] = 1;
        }
        NeighbourCandidates search = NeighbourCandidates.installed("lmnn", "solver " + options.mode().name().toLowerCase(Locale.ROOT)
                + " (its target neighbours)", "add metric-eval or use solver exact");
        int[][] targets = search.find(x, identity, d, classes, k).same();
        LmnnLoss loss = new LmnnLoss(classes, pull);
        Planner planner = options.mode() == StochasticOptions.Mode.MINIBATCH
                ? new SampledImpostors(targets, classes, new ReferenceSampler(n, options.referenceSize(), options.sampling(), classes))
                : new NearestImpostors(search, x, targets, classes, options.neighbours(), options.refreshEvery());
        try (GradientEngine.Oracle oracle = options.distribution().open(x, new LmnnEvaluator(loss))) {
            return new EpochLoop("lmnn", options).run(n, 0, l0, p, planner, oracle, ctx);
        }
    }

    private static int[] union(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        Arrays.sort(c);
        return c;
    }

    /** {@code minibatch}: targets plus the other-class rows of one sampled reference set per step. */
    private record SampledImpostors(int[][] targets, int[] classes, ReferenceSampler sampler) implements Planner {
        @Override
        public void startEpoch(int epoch, double[] l, int p) {
        }

        @Override
        public Batch plan(int[] queries, SplittableRandom rng) {
            int[] refs = sampler.sample(rng);
            int[][] c = new int[queries.length][];
            for (int a = 0; a < queries.length; a++) {
                int y = classes[queries[a]];
                c[a] = union(targets[queries[a]], Arrays.stream(refs).filter(r -> classes[r] != y).toArray());
            }
            return new Batch.Candidates(queries, c);
        }
    }

    /** {@code approximate_knn}: targets plus the nearest other-class rows under the L of the last refresh. */
    private static final class NearestImpostors implements Planner {
        private final NeighbourCandidates search;
        private final RowSource x;
        private final int[][] targets;
        private final int[] classes;
        private final int impostors;
        private final int every;
        private int[][] candidates;

        NearestImpostors(NeighbourCandidates search, RowSource x, int[][] targets, int[] classes, int impostors, int every) {
            this.search = search;
            this.x = x;
            this.targets = targets;
            this.classes = classes;
            this.impostors = impostors;
            this.every = every;
        }

        @Override
        public void startEpoch(int epoch, double[] l, int p) {
            if ((epoch - 1) % every == 0) {
                int[][] other = search.find(x, l, p, classes, impostors).other();
                candidates = new int[other.length][];
                for (int i = 0; i < other.length; i++) {
                    candidates[i] = union(targets[i], other[i]);
                }
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
