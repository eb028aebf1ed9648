package org.metriclab.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap (Efron &amp; Tibshirani 1993, ch. 13) of the mean of per-query values, e.g. one
 * run's precision@1 over its queries: {@code resamples} resamples of the queries with replacement,
 * each giving a mean; the interval is the empirical (1−c)/2 and (1+c)/2 quantiles of those means
 * (type-7 interpolation), {@code standardError} their sample sd. Deterministic for a given seed.
 */
public record Bootstrap(int n, double mean, double low, double high, double standardError, int resamples, double confidence) {
    public static final int DEFAULT_RESAMPLES = 2000;

    public static Bootstrap of(double[] perQuery, long seed) {
        return of(perQuery, DEFAULT_RESAMPLES, Summary.DEFAULT_CONFIDENCE, seed);
    }

    public static Bootstrap of(double[] perQuery, int resamples, double confidence, long seed) {
        Checks.finite(perQuery, "per-query values");
        Checks.confidence(confidence);
        int n = perQuery.length;
        if (n == 0) {
            throw new IllegalArgumentException("per-query values: expected at least one query, got none");
        }
        if (resamples < 2) {
            throw new IllegalArgumentException("resamples must be at least 2, got " + resamples);
        }
        double mean = Arrays.stream(perQuery).sum() / n;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += perQuery[rnd.nextInt(n)];
            }
            means[b] = s / n;
        }
        double se = Summary.of(means).sd();
        Arrays.sort(means);
        return new Bootstrap(n, mean, quantile(means, (1 - confidence) / 2), quantile(means, (1 + confidence) / 2), se, resamples, confidence);
    }

    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
