package org.metriclab.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.metriclab.core.resource.MemoryBudget;

/**
 * Percentile bootstrap over queries (Efron &amp; Tibshirani 1993, ch. 13): {@code resamples} resamples of
 * the n queries with replacement; the statistic is recomputed on each; the interval is the empirical
 * (1−c)/2 and (1+c)/2 quantiles of those values (type-7 interpolation) and {@code standardError} their sample
 * sd. {@code estimate} is the statistic on the full sample. {@link #of(double[], long)} bootstraps the mean of
 * per-query values (e.g. a run's precision@1 hits); {@link #resampled} any statistic of a query subset (e.g.
 * a retrieval measure recomputed on the resampled queries). Resamples where the statistic is undefined (NaN)
 * are left out; with fewer than 2 defined ones the interval is NaN. Deterministic for a given seed.
 */
public record Bootstrap(int n, double estimate, double low, double high, double standardError, int resamples, double confidence) {
    public static final int DEFAULT_RESAMPLES = 2000;
    /**
     * The most resamples accepted: 1,000,000. Percentile intervals settle long before that (the
     * default is 2,000), and each resample re-evaluates the statistic, so more only costs time.
     */
    public static final int MAX_RESAMPLES = 1_000_000;

    public static Bootstrap of(double[] perQuery, long seed) {
        return of(perQuery, DEFAULT_RESAMPLES, Summary.DEFAULT_CONFIDENCE, seed);
    }

    /** The bootstrap of the mean of {@code perQuery}. */
    public static Bootstrap of(double[] perQuery, int resamples, double confidence, long seed) {
        Checks.finite(perQuery, "per-query values");
        return resampled(perQuery.length, idx -> {
            double s = 0;
            for (int i : idx) {
                s += perQuery[i];
            }
            return s / idx.length;
        }, resamples, confidence, seed);
    }

    /** The bootstrap of {@code statistic}, which receives the (sorted) row indices of one resample of 0..n−1. */
    public static Bootstrap resampled(int n, ToDoubleFunction<int[]> statistic, int resamples, double confidence, long seed) {
        Checks.confidence(confidence);
        if (n <= 0) {
            throw new IllegalArgumentException("per-query values: expected at least one query, got none");
        }
        requireResamples(resamples);
        MemoryBudget.require(MemoryBudget.bytes(resamples, MemoryBudget.DOUBLE) + MemoryBudget.bytes(2L * n, Integer.BYTES),
                "a bootstrap of " + resamples + " resamples of " + n + " queries", "use fewer resamples");
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        double estimate = statistic.applyAsDouble(all);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int defined = 0;
        int[] idx = new int[n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                idx[i] = rnd.nextInt(n);
            }
            Arrays.sort(idx);
            double v = statistic.applyAsDouble(idx.clone());
            if (Double.isFinite(v)) {
                values[defined++] = v;
            }
        }
        if (defined < 2) {
            return new Bootstrap(n, estimate, Double.NaN, Double.NaN, Double.NaN, resamples, confidence);
        }
        double[] v = Arrays.copyOf(values, defined);
        double se = Summary.of(v).sd();
        Arrays.sort(v);
        return new Bootstrap(n, estimate, quantile(v, (1 - confidence) / 2), quantile(v, (1 + confidence) / 2), se, resamples, confidence);
    }

    /** Throws when {@code resamples} is outside 2..{@link #MAX_RESAMPLES}, naming the limit. */
    public static void requireResamples(long resamples) {
        if (resamples < 2) {
            throw new IllegalArgumentException("the bootstrap needs at least 2 resamples, got " + resamples);
        }
        if (resamples > MAX_RESAMPLES) {
            throw new IllegalArgumentException("the bootstrap takes at most " + MAX_RESAMPLES + " resamples, got " + resamples
                    + "; " + DEFAULT_RESAMPLES + " give stable 95% intervals");
        }
    }

    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
