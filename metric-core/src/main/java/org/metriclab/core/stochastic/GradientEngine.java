package org.metriclab.core.stochastic;

import org.metriclab.core.data.RowSource;

/**
 * A distributed evaluator of batches, found through {@link java.util.ServiceLoader} (metric-spark
 * registers {@code spark} in {@code META-INF/services/org.metriclab.core.stochastic.GradientEngine}),
 * so this module needs no cluster library. The solver plans every batch on the driver; the engine
 * only splits each batch's queries across workers and sums their gradients.
 */
public interface GradientEngine {
    /** The name {@code engine=...} selects (lower case). */
    String name();

    /** Distributes {@code rows} over {@code distribution.partitions()} workers and evaluates batches there. */
    Oracle open(RowSource rows, BatchEvaluator evaluator, Distribution distribution);

    /** An oracle holding distributed resources (cached data, a session), released by {@link #close}. */
    interface Oracle extends GradientOracle, AutoCloseable {
        @Override
        void close();
    }
}
