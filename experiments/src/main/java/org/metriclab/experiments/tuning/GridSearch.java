package org.metriclab.experiments.tuning;

import java.util.List;

/**
 * An exhaustive grid, enumerated in mixed-radix order (the last dimension fastest). Each dimension has a number
 * of levels: every value of a choice, every integer of an {@code int} or {@code log_int} range, and for real
 * ranges as many levels as make the grid about as large as the budget (at least 2); level i of L sits at unit
 * coordinate (i + 0.5) / L, the middle of its cell, so integer ranges hit every integer once. Proposals past the
 * grid's size start it again. Conditions are not consulted: a conditional dimension is enumerated for every
 * value of its parent, so inactive combinations repeat candidates.
 */
final class GridSearch implements Searcher {
    private final int[] levels;

    GridSearch(SearchSpace space, int budget) {
        List<Dimension> dims = space.dimensions().values().stream().map(d -> d instanceof Dimension.Conditional c ? c.inner() : d).toList();
        levels = new int[dims.size()];
        long discrete = 1;
        int reals = 0;
        for (int i = 0; i < levels.length; i++) {
            Dimension d = dims.get(i);
            long n = 0;
            if (d instanceof Dimension.Choice c) {
                n = c.values().size();
            } else if (d instanceof Dimension.IntRange r) {
                n = r.high() - r.low() + 1;
            } else if (d instanceof Dimension.LogInt r) {
                n = r.high() - r.low() + 1;
            }
            if (n == 0) {
                reals++;
            } else {
                levels[i] = (int) Math.min(n, Integer.MAX_VALUE);
                discrete = Math.multiplyHigh(discrete, n) != 0 || discrete * n < 0 ? Long.MAX_VALUE : discrete * n;
            }
        }
        int real = reals == 0 ? 0 : Math.max(2, (int) Math.floor(Math.pow(Math.max(1.0, (double) budget / discrete), 1.0 / reals) + 1e-9));
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] == 0) {
                levels[i] = real;
            }
        }
    }

    /** How many points the grid has (saturating at Long.MAX_VALUE). */
    long size() {
        long s = 1;
        for (int l : levels) {
            s = Math.multiplyHigh(s, l) != 0 || s * l < 0 ? Long.MAX_VALUE : s * l;
        }
        return s;
    }

    @Override
    public double[] propose(List<Observation> history) {
        long n = history.size() % size();
        double[] u = new double[levels.length];
        for (int i = levels.length - 1; i >= 0; i--) {
            u[i] = (n % levels[i] + 0.5) / levels[i];
            n /= levels[i];
        }
        return u;
    }
}
