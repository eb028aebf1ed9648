package org.metriclab.eval.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Two-sided Wilcoxon signed-rank test of a − b (Wilcoxon 1945; Hollander &amp; Wolfe 1973, §3.1).
 * Zero differences are dropped (Wilcoxon's convention, as R's {@code wilcox.test}); the remaining
 * |d| are mid-ranked and W⁺ is the sum of the ranks of positive differences.
 * <ul>
 *   <li>Exact: when n ≤ {@value #EXACT_MAX_N} and there are no ties, p = 2·min(P(W⁺ ≤ w), P(W⁺ ≥ w)) from the
 *       exact null distribution (all 2ⁿ sign assignments, counted by dynamic programming), capped at 1.</li>
 *   <li>Otherwise the normal approximation with tie-corrected variance
 *       {@code n(n+1)(2n+1)/24 − Σ(t³−t)/48} and a continuity correction of 0.5.</li>
 * </ul>
 * With no non-zero differences p = 1.
 */
public final class WilcoxonSignedRank {
    public static final int EXACT_MAX_N = 50;
    public static final String EXACT = "Wilcoxon signed-rank (exact)";
    public static final String NORMAL = "Wilcoxon signed-rank (normal approximation)";

    private WilcoxonSignedRank() {
    }

    public static TestOutcome test(double[] a, double[] b) {
        Checks.paired(a, b);
        int nz = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                nz++;
            }
        }
        if (nz == 0) {
            return new TestOutcome(EXACT, 0, 1, 0);
        }
        double[] abs = new double[nz];
        boolean[] positive = new boolean[nz];
        int j = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            if (d != 0) {
                abs[j] = Math.abs(d);
                positive[j++] = d > 0;
            }
        }
        double[] ranks = Ranks.ascending(abs);
        double wPlus = 0;
        for (int i = 0; i < nz; i++) {
            if (positive[i]) {
                wPlus += ranks[i];
            }
        }
        double ties = Ranks.tieSum(abs);
        if (nz <= EXACT_MAX_N && ties == 0) {
            return new TestOutcome(EXACT, wPlus, exactP((int) Math.round(wPlus), nz), nz);
        }
        double mean = nz * (nz + 1) / 4.0;
        double var = nz * (nz + 1) * (2.0 * nz + 1) / 24.0 - ties / 48.0;
        double dev = Math.abs(wPlus - mean);
        double z = var <= 0 ? 0 : Math.max(0, dev - 0.5) / Math.sqrt(var);
        double p = 2 * new NormalDistribution().cumulativeProbability(-z);
        return new TestOutcome(NORMAL, wPlus, Math.min(1, p), nz);
    }

    /** Two-sided exact p-value of W⁺ = w with n untied non-zero differences. */
    static double exactP(int w, int n) {
        int max = n * (n + 1) / 2;
        double[] count = new double[max + 1];
        count[0] = 1;
        for (int r = 1; r <= n; r++) {
            for (int s = max; s >= r; s--) {
                count[s] += count[s - r];
            }
        }
        double total = Math.pow(2, n);
        double lower = 0;
        double upper = 0;
        for (int s = 0; s <= max; s++) {
            if (s <= w) {
                lower += count[s];
            }
            if (s >= w) {
                upper += count[s];
            }
        }
        return Math.min(1, 2 * Math.min(lower, upper) / total);
    }
}
