package org.metriclab.core.stochastic;

import java.util.Arrays;
import org.metriclab.core.learn.Params;

/**
 * Settings of the stochastic soft-neighbour solvers (parameter names as in configs):
 * <ul>
 *   <li>{@code batch_size}: query rows per step (1..n);</li>
 *   <li>{@code reference_size} ({@code minibatch}): rows sampled per step for the softmax (2..n, default 256),
 *       drawn by {@code reference_sampling}: {@code uniform} (default) or {@code class_balanced} (equal
 *       shares per class, as far as the classes allow);</li>
 *   <li>{@code k} ({@code approximate_knn}): nearest candidates per query, k of its own class and k of other
 *       classes for NCA (1..smallest class − 1), the k nearest rows for MLKR (1..n − 1), default 10;
 *       {@code refresh_every}: epochs between candidate searches (default 2);</li>
 *   <li>{@code optimizer}: {@code adam} (default) or {@code sgd}; {@code learning_rate} η and {@code lr_decay}
 *       (η / (1 + decay · (epoch − 1)), default 0);</li>
 *   <li>{@code max_iter}: epochs; {@code tol}: stop when the epoch's mean loss changes by less than tol
 *       relatively (0 runs every epoch);</li>
 *   <li>{@code engine}, {@code partitions}, {@code master}: where batches are evaluated ({@link Distribution}).</li>
 * </ul>
 */
public record StochasticOptions(Mode mode, int batchSize, int referenceSize, Sampling sampling, int neighbours,
                                int refreshEvery, Optimizer optimizer, double learningRate, double decay, int epochs,
                                double tol, Distribution distribution) {
    /** Which reference rows a query's softmax runs over. */
    public enum Mode { MINIBATCH, APPROXIMATE_KNN }

    /** How {@code minibatch} draws its reference rows. */
    public enum Sampling { UNIFORM, CLASS_BALANCED }

    /** The step rule ({@link StepRule}). */
    public enum Optimizer { ADAM, SGD }

    public StochasticOptions {
        require(batchSize >= 1, "batch_size", "1..n (the training rows)", batchSize);
        require(referenceSize >= 2, "reference_size", "2..n (the training rows)", referenceSize);
        require(neighbours >= 1, "k", "1..smallest class size − 1", neighbours);
        require(refreshEvery >= 1, "refresh_every", "an integer >= 1 (epochs)", refreshEvery);
        require(learningRate > 0 && Double.isFinite(learningRate), "learning_rate", "a finite number > 0", learningRate);
        require(decay >= 0 && Double.isFinite(decay), "lr_decay", "a finite number >= 0", decay);
        require(epochs >= 1, "max_iter", "an integer >= 1 (epochs)", epochs);
        require(tol >= 0 && Double.isFinite(tol), "tol", "a finite number >= 0", tol);
        distribution = distribution == null ? Distribution.local() : distribution;
    }

    /** Reads the stochastic settings; {@code batch_size}, {@code learning_rate}, {@code max_iter}, {@code tol} come from the learner. */
    public static StochasticOptions from(Params p, Mode mode, int batchSize, double learningRate, int epochs, double tol) {
        return from(p, mode, batchSize, learningRate, epochs, tol, "k");
    }

    /** {@link #from}, with approximate_knn's candidate count read from {@code neighboursKey} (LMNN: {@code impostors}). */
    public static StochasticOptions from(Params p, Mode mode, int batchSize, double learningRate, int epochs, double tol,
                                         String neighboursKey) {
        boolean knn = mode == Mode.APPROXIMATE_KNN;
        return new StochasticOptions(mode, batchSize, knn ? 256 : p.getInt("reference_size", 256),
                knn ? Sampling.UNIFORM : p.getEnum("reference_sampling", Sampling.UNIFORM), knn ? p.getInt(neighboursKey, 10) : 10,
                knn ? p.getInt("refresh_every", 2) : 2, p.getEnum("optimizer", Optimizer.ADAM), learningRate,
                p.getDouble("lr_decay", 0.0), epochs, tol, Distribution.from(p));
    }

    /** The defaults for {@code mode}, with the learner's batch size, learning rate, epochs and tolerance. */
    public static StochasticOptions defaults(Mode mode, int batchSize, double learningRate, int epochs, double tol) {
        return new StochasticOptions(mode, batchSize, 256, Sampling.UNIFORM, 10, 2, Optimizer.ADAM, learningRate, 0.0, epochs, tol,
                Distribution.local());
    }

    /** These settings for another mode. */
    public StochasticOptions withMode(Mode other) {
        return new StochasticOptions(other, batchSize, referenceSize, sampling, neighbours, refreshEvery, optimizer, learningRate,
                decay, epochs, tol, distribution);
    }

    /**
     * Checks the settings against the training data: n rows, the smallest class size (or −1 for
     * regression targets, whose candidates are any rows).
     */
    public void requireFits(String learner, int n, int smallestClass) {
        if (batchSize > n) {
            throw new IllegalArgumentException(learner + ": batch_size must be in 1.." + n + " (the training rows), got " + batchSize);
        }
        if (mode == Mode.MINIBATCH && referenceSize > n) {
            throw new IllegalArgumentException(learner + ": reference_size must be in 2.." + n + " (the training rows), got "
                    + referenceSize);
        }
        if (mode == Mode.APPROXIMATE_KNN) {
            int max = smallestClass < 0 ? n - 1 : smallestClass - 1;
            if (neighbours > max) {
                throw new IllegalArgumentException(learner + ": approximate_knn k must be in 1.." + max + (smallestClass < 0
                        ? " (training rows − 1)" : " (smallest class size " + smallestClass + " − 1)") + ", got " + neighbours
                        + "; lower k or use solver=minibatch");
            }
        }
    }

    /** The size of the smallest non-empty class of {@code classes} (dense indices 0..C−1). */
    public static int smallestClass(int[] classes) {
        int c = Arrays.stream(classes).max().orElse(-1) + 1;
        int[] counts = new int[c];
        for (int y : classes) {
            counts[y]++;
        }
        return Arrays.stream(counts).filter(v -> v > 0).min().orElse(0);
    }

    private static void require(boolean ok, String name, String range, Object got) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be " + (range.matches("^[0-9].*") ? "in " : "") + range + ", got " + got);
        }
    }
}
