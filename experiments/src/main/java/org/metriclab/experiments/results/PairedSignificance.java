package org.metriclab.experiments.results;

import java.util.Arrays;
import java.util.Locale;
import org.metriclab.eval.stats.StudentPairedT;
import org.metriclab.eval.stats.TestOutcome;
import org.metriclab.eval.stats.WilcoxonSignedRank;

/**
 * The paired test used to compare two table cells over their matching trials: the two-sided paired
 * t-test (default; usable with as few as 2 pairs) or the Wilcoxon signed-rank test (needs at least 6
 * pairs before any two-sided p can fall below 0.05).
 */
public enum PairedSignificance {
    T("paired t-test"), WILCOXON("Wilcoxon signed-rank test");

    /** Magnitudes above this are scaled before testing: the squares of their sums would overflow. */
    private static final double LARGE = 0x1p500;
    private final String description;

    PairedSignificance(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /**
     * The test of {@code a} against {@code b}. Both tests are invariant under scaling both samples alike, so values
     * large enough for their differences or sums to overflow are first scaled by the same power of two (exact, except
     * for values more than 2^1000 times smaller than the largest, which lose precision as subnormals).
     */
    public TestOutcome apply(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.max(Math.abs(a[i]), i < b.length ? Math.abs(b[i]) : 0));
        }
        double[] x = a;
        double[] y = b;
        if (max > LARGE) {
            int shift = -Math.getExponent(max);
            x = Arrays.stream(a).map(v -> Math.scalb(v, shift)).toArray();
            y = Arrays.stream(b).map(v -> Math.scalb(v, shift)).toArray();
        }
        return this == T ? StudentPairedT.test(x, y) : WilcoxonSignedRank.test(x, y);
    }

    public static PairedSignificance parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "t", "t-test", "ttest" -> T;
            case "wilcoxon" -> WILCOXON;
            default -> throw new IllegalArgumentException("unknown paired test '" + name + "'; known: t, wilcoxon");
        };
    }
}
