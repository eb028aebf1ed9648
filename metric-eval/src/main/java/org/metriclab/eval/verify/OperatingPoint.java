package org.metriclab.eval.verify;

/**
 * One operating point of a verifier that accepts a pair when its distance is at most {@code threshold}.
 *
 * @param rate      the measure's value at this point (EER, TAR or FNMR)
 * @param threshold the squared-distance threshold; pairs with distance ≤ threshold are accepted
 */
public record OperatingPoint(double rate, double threshold) {
    /** The point of a measure that is undefined for the data (no positive or no negative pair). */
    public static final OperatingPoint UNDEFINED = new OperatingPoint(Double.NaN, Double.NaN);
}
