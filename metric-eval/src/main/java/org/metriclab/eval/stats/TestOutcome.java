package org.metriclab.eval.stats;

/**
 * The outcome of a two-sided paired test.
 *
 * @param test      the test's name ("paired t-test", "Wilcoxon signed-rank (exact)", ...)
 * @param statistic t for the t-test; W⁺ (sum of the ranks of positive differences a − b) for Wilcoxon
 * @param pValue    two-sided p-value in [0, 1]
 * @param n         pairs used (for Wilcoxon: non-zero differences)
 */
public record TestOutcome(String test, double statistic, double pValue, int n) {
    public TestOutcome {
        if (!(pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("p-value must be in [0, 1], got " + pValue);
        }
    }
}
