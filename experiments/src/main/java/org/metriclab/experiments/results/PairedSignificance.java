package org.metriclab.experiments.results;

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

    private final String description;

    PairedSignificance(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public TestOutcome apply(double[] a, double[] b) {
        return this == T ? StudentPairedT.test(a, b) : WilcoxonSignedRank.test(a, b);
    }

    public static PairedSignificance parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "t", "t-test", "ttest" -> T;
            case "wilcoxon" -> WILCOXON;
            default -> throw new IllegalArgumentException("unknown paired test '" + name + "'; known: t, wilcoxon");
        };
    }
}
