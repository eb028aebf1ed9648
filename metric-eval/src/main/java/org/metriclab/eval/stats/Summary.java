package org.metriclab.eval.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean, sample standard deviation (divisor n − 1) and a two-sided Student-t confidence interval
 * {@code mean ± t_{1−α/2, n−1} · sd / √n} of a sample (e.g. one cell's values over seeds and folds).
 * With n = 1 the sd and the interval are NaN (there is no spread to estimate).
 */
public record Summary(int n, double mean, double sd, double confidence, double low, double high) {
    public static final double DEFAULT_CONFIDENCE = 0.95;

    public Summary {
        if (n < 1) {
            throw new IllegalArgumentException("a summary needs at least one value, got n = " + n);
        }
    }

    /** The 95% summary of {@code values}. */
    public static Summary of(double[] values) {
        return of(values, DEFAULT_CONFIDENCE);
    }

    public static Summary of(double[] values, double confidence) {
        Checks.finite(values, "values");
        Checks.confidence(confidence);
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("values: expected at least one value, got none");
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        if (n < 2) {
            return new Summary(1, mean, Double.NaN, confidence, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return fromMoments(n, mean, Math.sqrt(ss / (n - 1)), confidence);
    }

    /** The summary of a sample known only by its size, mean and sample sd (e.g. a stored table cell). */
    public static Summary fromMoments(int n, double mean, double sd, double confidence) {
        Checks.confidence(confidence);
        if (n < 1 || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("expected n ≥ 1 and a finite mean, got n = " + n + ", mean = " + mean);
        }
        if (n < 2) {
            return new Summary(1, mean, Double.NaN, confidence, Double.NaN, Double.NaN);
        }
        if (!(sd >= 0)) {
            throw new IllegalArgumentException("expected a finite sd ≥ 0 for n = " + n + ", got " + sd);
        }
        double half = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2) * sd / Math.sqrt(n);
        return new Summary(n, mean, sd, confidence, mean - half, mean + half);
    }

    /** Half the interval's width (NaN when n = 1). */
    public double halfWidth() {
        return (high - low) / 2;
    }
}
