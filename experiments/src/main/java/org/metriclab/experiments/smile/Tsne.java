package org.metriclab.experiments.smile;

import java.util.concurrent.atomic.AtomicReference;
import smile.manifold.TSNE;
import smile.math.MathEx;

/**
 * Exact t-SNE (van der Maaten and Hinton 2008) to two dimensions through Smile's {@code smile.manifold.TSNE};
 * the only class of this module that touches Smile. Smile draws the initial layout from its own
 * per-thread generator ({@code MathEx}), not from an argument, so {@link #embed} runs Smile on a fresh
 * thread whose generator it seeds with {@code MathEx.setSeed(seed)} first: the layout is reproducible
 * for a seed (on a given machine: the gradient's row sums run on the common fork-join pool, whose
 * size fixes their order) and the caller's Smile generator is left alone. The input is passed as the
 * matrix of squared Euclidean distances divided by their largest value, which Smile takes as such for any
 * square input. The scaling changes nothing but the numerics: each point's Gaussian bandwidth is fitted
 * to the perplexity, so the affinities do not depend on the distances' scale; unscaled, Smile's bandwidth
 * search (starting at precision 1) underflows to NaN when squared distances are in the hundreds.
 */
public final class Tsne {
    /** The fewest points t-SNE is run on (perplexity needs a few neighbours). */
    public static final int MIN_POINTS = 5;
    /** Perplexity used when there are enough points: min(30, (n − 1) / 3). */
    public static final double PERPLEXITY = 30;
    /** Gradient-descent learning rate (Smile's default). */
    public static final double LEARNING_RATE = 200;

    private Tsne() {
    }

    /**
     * The 2-D t-SNE layout of {@code points} (one row per point, at least {@link #MIN_POINTS}).
     *
     * @param iterations gradient-descent iterations (Smile switches momentum after 250; 1000 is usual)
     * @param seed       seeds the initial layout; the same seed gives the same layout
     */
    public static double[][] embed(double[][] points, int iterations, long seed) {
        int n = points.length;
        if (n < MIN_POINTS) {
            throw new IllegalArgumentException("t-SNE needs at least " + MIN_POINTS + " points, got " + n);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("t-SNE needs at least 1 iteration, got " + iterations);
        }
        double[][] d2 = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (points[i].length != points[0].length) {
                throw new IllegalArgumentException("row " + i + " has " + points[i].length + " values, row 0 has " + points[0].length);
            }
            for (int j = 0; j < i; j++) {
                double s = 0;
                for (int k = 0; k < points[i].length; k++) {
                    double t = points[i][k] - points[j][k];
                    s += t * t;
                }
                d2[i][j] = s;
                d2[j][i] = s;
            }
        }
        double max = 0;
        for (double[] row : d2) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        if (!(max > 0) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("t-SNE needs points that are not all equal and finite distances");
        }
        for (double[] row : d2) {
            for (int j = 0; j < n; j++) {
                row[j] /= max;
            }
        }
        double perplexity = Math.min(PERPLEXITY, (n - 1) / 3.0);
        AtomicReference<double[][]> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                MathEx.setSeed(seed);
                result.set(new TSNE(d2, 2, perplexity, LEARNING_RATE, iterations).coordinates);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "metriclab-tsne");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing t-SNE", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("t-SNE failed: " + failure.get().getMessage(), failure.get());
        }
        double[][] out = result.get();
        for (double[] row : out) {
            if (!Double.isFinite(row[0]) || !Double.isFinite(row[1])) {
                throw new IllegalStateException("t-SNE produced a non-finite layout; the points may be degenerate (all equal)");
            }
        }
        return out;
    }
}
