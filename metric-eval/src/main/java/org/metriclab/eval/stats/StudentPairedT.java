package org.metriclab.eval.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Two-sided paired Student t-test of a − b: {@code t = mean(d) / (sd(d)/√n)} with n − 1 degrees of
 * freedom. All-equal pairs (sd = 0, mean = 0) give p = 1; a constant non-zero difference gives p = 0.
 */
public final class StudentPairedT {
    public static final String NAME = "paired t-test";

    private StudentPairedT() {
    }

    public static TestOutcome test(double[] a, double[] b) {
        Checks.paired(a, b);
        int n = a.length;
        if (n < 2) {
            throw new IllegalArgumentException("a paired t-test needs at least 2 pairs, got " + n);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[i] - b[i];
        }
        Summary s = Summary.of(d);
        if (s.sd() == 0) {
            return new TestOutcome(NAME, s.mean() == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, s.mean()), s.mean() == 0 ? 1 : 0, n);
        }
        double t = s.mean() / (s.sd() / Math.sqrt(n));
        double p = 2 * new TDistribution(n - 1).cumulativeProbability(-Math.abs(t));
        return new TestOutcome(NAME, t, Math.min(1, p), n);
    }
}
