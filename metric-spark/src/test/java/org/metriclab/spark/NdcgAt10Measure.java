package org.metriclab.spark;

import java.util.OptionalInt;
import org.metriclab.eval.RankedRetrievalMeasure;
import org.metriclab.eval.knn.RankedHits;

/**
 * A measure registered through the SPI in the tests only, like the example project's ndcg_at_10: normalised DCG of
 * the 10 nearest references with binary relevance, read from the neighbours' classes, so that a distributed run
 * has to ship the nearest references' classes through the engine.
 */
public final class NdcgAt10Measure implements RankedRetrievalMeasure {
    static final String NAME = "test_ndcg_at_10";
    static final int K = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "normalised DCG of the 10 nearest references, binary relevance (test measure)";
    }

    @Override
    public int depth() {
        return K;
    }

    /** The value reads the classes of the 10 nearest and R only, so reference-partitioned runs compute it too. */
    @Override
    public OptionalInt nearestOnly() {
        return OptionalInt.of(K);
    }

    @Override
    public double of(RankedHits hits) {
        double dcg = 0;
        for (int i = 0; i < Math.min(K, hits.neighbours()); i++) {
            if (hits.neighbourClass(i) == hits.queryClass()) {
                dcg += discount(i);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(K, hits.relevant()); i++) {
            ideal += discount(i);
        }
        return dcg / ideal;
    }

    /** 1 / log₂(position + 2) for the 0-based position. */
    static double discount(int i) {
        return Math.log(2) / Math.log(i + 2);
    }
}
