package org.metriclab.deep.loss;

import java.util.Map;
import java.util.random.RandomGenerator;

/** Batch-all (Hermans et al. 2017): every valid triplet (a,p,n), row-major; pair it with an avg-non-zero reducer. */
public record BatchAllMiner() implements Miner {
    @Override
    public String name() {
        return "batch_all";
    }

    @Override
    public Map<String, Object> params() {
        return Map.of();
    }

    @Override
    public Tuples mine(double[] x, int n, int d, int[] labels, RandomGenerator rng) {
        return Tuples.allTriplets(labels);
    }
}
