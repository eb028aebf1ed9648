package org.metriclab.eval;

/**
 * Which way a measure's values are better, so tables, rankings and significance tests read each measure the right way
 * round: scores (precision, MAP, TAR@FAR, ROC AUC) are better when higher, error rates (EER, FNMR@FMR) when lower, and
 * the thresholds and pair counts that {@code evaluate} reports beside them are not ranked at all: a table shows them
 * without a best cell, a rank or a significance marker.
 */
public enum MeasureDirection {
    /** A score: the highest mean is best, ranks count from the highest. */
    HIGHER_IS_BETTER,
    /** An error rate: the lowest mean is best, ranks count from the lowest. */
    LOWER_IS_BETTER,
    /** A threshold or a count: reported only, never ranked, marked as best or tested against a best cell. */
    NOT_RANKED;

    /** Whether tables mark a best cell, rank and test this measure. */
    public boolean ranked() {
        return this != NOT_RANKED;
    }

    /** Whether ranks count from the highest value (only asked of ranked measures). */
    public boolean higherIsBetter() {
        if (!ranked()) {
            throw new IllegalStateException("a measure that is not ranked has no better direction");
        }
        return this == HIGHER_IS_BETTER;
    }

    /**
     * Whether {@code a} is strictly better than {@code b} (false for NOT_RANKED, where nothing is better; NaN is never
     * better).
     */
    public boolean better(double a, double b) {
        return switch (this) {
            case HIGHER_IS_BETTER -> a > b;
            case LOWER_IS_BETTER -> a < b;
            case NOT_RANKED -> false;
        };
    }

    /** "highest", "lowest" or "not ranked": the word footnotes and captions use for the best cell. */
    public String bestWord() {
        return switch (this) {
            case HIGHER_IS_BETTER -> "highest";
            case LOWER_IS_BETTER -> "lowest";
            case NOT_RANKED -> "not ranked";
        };
    }
}
