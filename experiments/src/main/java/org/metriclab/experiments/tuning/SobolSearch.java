package org.metriclab.experiments.tuning;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * The Sobol sequence with a random shift modulo 1 (Cranley–Patterson rotation) drawn from the seed, so
 * different seeds give different, equally well spread point sets; the n-th proposal is the n-th shifted point.
 */
final class SobolSearch implements Searcher {
    private final int dims;
    private final double[] shift;

    SobolSearch(int dims, long seed) {
        this.dims = dims;
        this.shift = new double[dims];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < dims; i++) {
            shift[i] = r.nextDouble();
        }
    }

    @Override
    public double[] propose(List<Observation> history) {
        SobolSequenceGenerator g = new SobolSequenceGenerator(dims);
        double[] p = g.skipTo(history.size());
        double[] u = new double[dims];
        for (int i = 0; i < dims; i++) {
            double v = p[i] + shift[i];
            u[i] = v - Math.floor(v);
        }
        return u;
    }
}
