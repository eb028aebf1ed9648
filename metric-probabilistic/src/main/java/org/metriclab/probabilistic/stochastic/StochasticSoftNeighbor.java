package org.metriclab.probabilistic.stochastic;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.metriclab.core.data.RowSource;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Progress;

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
 * non-finite loss or step stops the fit with a {@link FitException} naming {@code learning_rate} and
 * the epoch; no model is returned.
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
        options.requireFits(learner, n, classes == null ? -1 : smallestClass(classes));
        double[] l = l0.clone();
        double[] g = new double[l.length];
        StepRule rule = new StepRule(options.optimizer(), options.learningRate(), options.decay(), l.length);
        SplittableRandom order = ctx.random("batches");
        SplittableRandom refs = ctx.random("references");
        ReferenceSampler sampler = options.mode() == StochasticOptions.Mode.MINIBATCH
                ? new ReferenceSampler(n, options.referenceSize(), options.sampling(), classes) : null;
        int[][] candidates = null;
        double penalty = loss.penalty() / n;
        double previous = Double.NaN;
        double mean = Double.NaN;
        boolean converged = false;
        int epoch = 0;
        while (epoch < options.epochs() && !converged) {
            epoch++;
            long start = System.nanoTime();
            if (sampler == null && (epoch - 1) % options.refreshEvery() == 0) {
                candidates = NeighbourCandidates.find(x, l, p, classes, options.neighbours());
            }
            int[] perm = FitContext.permutation(n, order);
            double sum = 0;
            int step = 0;
            for (int from = 0; from < n; from += options.batchSize()) {
                step++;
                int[] queries = Arrays.copyOfRange(perm, from, Math.min(n, from + options.batchSize()));
                Batch batch = sampler != null ? new Batch.Shared(queries, sampler.sample(refs)) : candidatesOf(queries, candidates);
                Arrays.fill(g, 0.0);
                double f = oracle.accumulate(l, p, batch, g);
                double norm2 = 0;
                for (int k = 0; k < l.length; k++) {
                    g[k] = g[k] / queries.length + 2 * penalty * l[k];
                    norm2 += l[k] * l[k];
                }
                sum += f + penalty * norm2 * queries.length;
                rule.apply(l, g, epoch);
                requireFinite(f, l, epoch, step, rule.rate(epoch));
            }
            mean = sum / n;
            double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
            ctx.progress().iteration(epoch, mean);
            ctx.progress().measure(Progress.EPOCH_LOSS, epoch, mean);
            ctx.progress().measure(Progress.SAMPLES_PER_SECOND, epoch, n / seconds);
            converged = options.tol() > 0 && epoch > 1 && Math.abs(previous - mean) <= options.tol() * Math.max(1.0, Math.abs(mean));
            previous = mean;
        }
        if (!converged && options.tol() > 0) {
            ctx.progress().warn(learner + " (" + options.mode().name().toLowerCase(java.util.Locale.ROOT) + "): stopped at max_iter="
                    + options.epochs() + " epochs without the epoch loss settling within tol=" + options.tol() + " (loss " + mean + ")");
        }
        ctx.progress().finished(epoch, mean, converged);
        return l;
    }

    private static Batch candidatesOf(int[] queries, int[][] candidates) {
        int[][] c = new int[queries.length][];
        for (int a = 0; a < queries.length; a++) {
            c[a] = candidates[queries[a]];
        }
        return new Batch.Candidates(queries, c);
    }

    private void requireFinite(double f, double[] l, int epoch, int step, double rate) {
        boolean finite = Double.isFinite(f);
        for (int k = 0; k < l.length && finite; k++) {
            finite = Double.isFinite(l[k]);
        }
        if (!finite) {
            throw new FitException(learner, "the " + options.optimizer().name().toLowerCase(java.util.Locale.ROOT)
                    + " schedule made the " + (Double.isFinite(f) ? "transformation" : "loss") + " non-finite at epoch " + epoch
                    + ", step " + step + " (learning rate " + rate + "); no model was written",
                    "lower learning_rate (valid range: finite and > 0; try " + options.learningRate() / 10
                            + ") or standardise the features");
        }
    }

    static int smallestClass(int[] classes) {
        int c = Arrays.stream(classes).max().orElse(-1) + 1;
        int[] counts = new int[c];
        for (int y : classes) {
            counts[y]++;
        }
        return Arrays.stream(counts).filter(v -> v > 0).min().orElse(0);
    }
}
