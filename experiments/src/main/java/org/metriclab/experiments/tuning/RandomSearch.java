package org.metriclab.experiments.tuning;

import java.util.List;
import java.util.SplittableRandom;

/** Independent uniform points; the n-th proposal depends only on the seed and n. */
final class RandomSearch implements Searcher {
    private final int dims;
    private final long seed;

    RandomSearch(int dims, long seed) {
        this.dims = dims;
        this.seed = seed;
    }

    @Override
    public double[] propose(List<Observation> history) {
        SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (history.size() + 1)));
        double[] u = new double[dims];
        for (int i = 0; i < dims; i++) {
            u[i] = r.nextDouble();
        }
        return u;
    }
}
