package org.metriclab.probabilistic.stochastic;

import java.util.SplittableRandom;
import org.metriclab.core.data.RowSource;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Progress;

/**
 * ITML over streamed constraint batches: the LogDet Bregman projections of ITML (Davis et al. 2007, in
 * metric-learn's update form: α, β and the slack update per pair) applied to batches of pairs drawn from
 * the labels as the fit goes, so no constraint set is ever materialised. Batch t holds
 * {@code batch_size} pairs, half similar (two rows of one class) and half dissimilar, drawn uniformly
 * (stream {@code pairs}); its pairs get fresh dual variables λ = 0 and slacks at the bounds, are swept
 * {@code passes} times in order (similar first), and are then dropped. {@code max_iter} batches are
 * streamed.
 *
 * <p>What it approximates: cyclic ITML over the union of all streamed pairs, except that a pair's dual
 * variable lives only during its batch, so a later batch can undo an earlier projection. The metric
 * therefore tracks the constraint distribution rather than a fixed sample (an online estimate, as in
 * the online ITML variant of the same paper), with the most weight on the recent batches.
 *
 * <p>Memory: A (d²) and one batch of difference vectors (batch·d), whatever the number of rows.
 */
public final class StreamedItml {
    private final double gamma;
    private final int batchSize;
    private final int batches;
    private final int passes;

    public StreamedItml(double gamma, int batchSize, int batches, int passes) {
        if (!(gamma > 0) || batchSize < 2 || batches < 1 || passes < 1) {
            throw new IllegalArgumentException("itml (streamed): need gamma > 0, batch_size >= 2, max_iter >= 1 (batches), passes >= 1; got "
                    + gamma + ", " + batchSize + ", " + batches + ", " + passes);
        }
        this.gamma = gamma;
        this.batchSize = batchSize;
        this.batches = batches;
        this.passes = passes;
    }

    /**
     * Fits A (d×d, row-major, from {@code a0}) with squared-distance bounds u (similar) &lt; l
     * (dissimilar); {@code classes} are dense indices 0..C−1 with at least two classes and one class of
     * two or more rows.
     */
    public double[] fit(RowSource x, int[] classes, double u, double l, double[] a0, FitContext ctx) {
        int d = x.dim();
        PairSampler sampler = new PairSampler(classes);
        SplittableRandom rng = ctx.random("pairs");
        double[] a = a0.clone();
        double[] av = new double[d];
        double gammaProj = gamma / (gamma + 1.0);
        double[] v = new double[batchSize * d];
        double[] lambda = new double[batchSize];
        double[] bhat = new double[batchSize];
        boolean[] similar = new boolean[batchSize];
        for (int t = 1; t <= batches; t++) {
            int used = 0;
            for (int c = 0; c < batchSize; c++) {
                similar[used] = c < batchSize / 2;
                int[] pair = similar[used] ? sampler.similar(rng) : sampler.dissimilar(rng);
                double[] rows = x.gather(pair);
                boolean distinct = false;
                for (int k = 0; k < d; k++) {
                    v[used * d + k] = rows[k] - rows[d + k];
                    distinct |= v[used * d + k] != 0;
                }
                if (distinct) {
                    lambda[used] = 0;
                    bhat[used] = similar[used] ? u : l;
                    used++;
                }
            }
            double active = 0;
            for (int s = 0; s < passes; s++) {
                for (int c = 0; c < used; c++) {
                    active += project(a, v, c * d, d, av, similar[c], lambda, bhat, c, gammaProj) ? 1 : 0;
                }
            }
            for (double value : a) {
                if (!Double.isFinite(value)) {
                    throw new FitException("itml", "the metric became non-finite at batch " + t + " (bounds " + u + ", " + l + ")",
                            "standardise the features, or lower gamma");
                }
            }
            double fraction = active / Math.max(1, used * passes);
            ctx.progress().iteration(t, fraction);
            ctx.progress().measure(Progress.EPOCH_LOSS, t, fraction);
        }
        ctx.progress().finished(batches, Double.NaN, true);
        return a;
    }

    /** One Bregman projection onto pair c's constraint; true when it moved A. */
    private boolean project(double[] a, double[] v, int o, int d, double[] av, boolean similar, double[] lambda, double[] bhat,
                            int c, double gammaProj) {
        for (int r = 0; r < d; r++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += a[r * d + k] * v[o + k];
            }
            av[r] = s;
        }
        double wtw = 0;
        for (int k = 0; k < d; k++) {
            wtw += v[o + k] * av[k];
        }
        double alpha = similar ? Math.min(lambda[c], gammaProj * (1.0 / wtw - 1.0 / bhat[c]))
                : Math.min(lambda[c], gammaProj * (1.0 / bhat[c] - 1.0 / wtw));
        if (alpha == 0.0) {
            return false;
        }
        lambda[c] -= alpha;
        double beta;
        if (similar) {
            beta = alpha / (1 - alpha * wtw);
            bhat[c] = 1.0 / (1.0 / bhat[c] + alpha / gamma);
        } else {
            beta = -alpha / (1 + alpha * wtw);
            bhat[c] = 1.0 / (1.0 / bhat[c] - alpha / gamma);
        }
        for (int r = 0; r < d; r++) {
            double br = beta * av[r];
            for (int k = 0; k < d; k++) {
                a[r * d + k] += br * av[k];
            }
        }
        return true;
    }

    /** Uniform similar and dissimilar pairs from dense class indices, O(n) memory for the class lists. */
    private static final class PairSampler {
        private final int[] classes;
        private final int[][] byClass;
        private final int[] pairable;

        PairSampler(int[] classes) {
            this.classes = classes;
            int c = java.util.Arrays.stream(classes).max().orElse(-1) + 1;
            int[] counts = new int[c];
            for (int y : classes) {
                counts[y]++;
            }
            byClass = new int[c][];
            for (int k = 0; k < c; k++) {
                byClass[k] = new int[counts[k]];
            }
            int[] fill = new int[c];
            for (int i = 0; i < classes.length; i++) {
                byClass[classes[i]][fill[classes[i]]++] = i;
            }
            pairable = java.util.stream.IntStream.range(0, c).filter(k -> counts[k] >= 2).toArray();
            if (pairable.length == 0 || java.util.Arrays.stream(counts).filter(n -> n > 0).count() < 2) {
                throw new IllegalArgumentException("itml (streamed) needs at least two classes and one class with two or more rows");
            }
        }

        /** Two distinct rows of one class (the class drawn in proportion to its size among classes with ≥ 2 rows). */
        int[] similar(SplittableRandom rng) {
            int i;
            do {
                i = rng.nextInt(classes.length);
            } while (byClass[classes[i]].length < 2);
            int[] same = byClass[classes[i]];
            int j;
            do {
                j = same[rng.nextInt(same.length)];
            } while (j == i);
            return new int[] {i, j};
        }

        /** Two rows of different classes. */
        int[] dissimilar(SplittableRandom rng) {
            int i = rng.nextInt(classes.length);
            int j;
            do {
                j = rng.nextInt(classes.length);
            } while (classes[j] == classes[i]);
            return new int[] {i, j};
        }
    }
}
