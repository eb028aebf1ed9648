package org.metriclab.experiments.tuning;

/**
 * A scored candidate as the search strategies see it: its point in the unit cube and its validation
 * score (higher is better; NaN when the candidate failed, which strategies rank below every score).
 */
public record Observation(double[] unit, double score) {
    public Observation {
        unit = unit.clone();
    }

    @Override
    public double[] unit() {
        return unit.clone();
    }

    /** The score with NaN as negative infinity, for ranking. */
    public double rankScore() {
        return Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
    }
}
