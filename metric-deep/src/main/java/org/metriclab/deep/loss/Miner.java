package org.metriclab.deep.loss;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A PML miner: picks index tuples from a batch without gradient (the tuples are constants for the loss).
 * Distances: Euclidean between L2-normalised embeddings ({@code LpDistance()}) unless stated.
 */
public interface Miner {
    String name();

    Map<String, Object> params();

    /** Mines a batch (raw embeddings, row-major N×D; labels of any integer ids). */
    Tuples mine(double[] x, int n, int d, int[] labels, RandomGenerator rng);

    static PairMatrix distances(double[] x, int n, int d, PairMatrix.Kind kind) {
        return PairMatrix.self(kind, new Embeddings(x, n, d, true));
    }
}
