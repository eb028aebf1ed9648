package org.metriclab.experiments.tuning;

import java.util.Arrays;

/**
 * A scored candidate as the search strategies see it: its point in the unit cube, which of its dimensions
 * were active (a conditional dimension whose condition failed was not used, so its coordinate says nothing
 * about the score), and its validation score (higher is better; NaN when the candidate failed, which
 * strategies rank below every score).
 */
public record Observation(double[] unit, double score, boolean[] active) {
    public Observation {
        unit = unit.clone();
        active = active.clone();
        if (active.length != unit.length) {
            throw new IllegalArgumentException("expected " + unit.length + " activity flags, found " + active.length);
        }
    }

    /** A candidate of a space without conditions: every dimension active. */
    public Observation(double[] unit, double score) {
        this(unit, score, allActive(unit.length));
    }

    private static boolean[] allActive(int n) {
        boolean[] a = new boolean[n];
        Arrays.fill(a, true);
        return a;
    }

    @Override
    public double[] unit() {
        return unit.clone();
    }

    @Override
    public boolean[] active() {
        return active.clone();
    }

    /** Whether dimension {@code d} was active for this candidate. */
    public boolean isActive(int d) {
        return active[d];
    }

    /** The score with NaN as negative infinity, for ranking. */
    public double rankScore() {
        return Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
    }
}
