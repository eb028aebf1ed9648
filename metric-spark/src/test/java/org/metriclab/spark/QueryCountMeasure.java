package org.metriclab.spark;

import org.metriclab.eval.RetrievalMeasure;
import org.metriclab.eval.RetrievalTask;

/** A measure registered through the SPI in the tests only (the number of queries), to check how the distributed evaluator treats SPI measures. */
public final class QueryCountMeasure implements RetrievalMeasure {
    static final String NAME = "test_query_count";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the number of queries (test measure)";
    }

    @Override
    public double compute(RetrievalTask task) {
        return task.queryCount();
    }
}
