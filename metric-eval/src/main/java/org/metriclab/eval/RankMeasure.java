package org.metriclab.eval;

import org.metriclab.eval.knn.RankedHits;

/**
 * A per-query retrieval measure: a pure function of one query's {@link RankedHits}. The evaluators (local and
 * distributed) rank every query once, call each requested measure on the result, and report the mean over the
 * queries that have at least one relevant reference (or, for {@code _per_class} built-ins, the mean of per-label
 * means). A value of NaN leaves that query out of the mean.
 */
public interface RankMeasure {
    /** How many nearest references' classes {@link #of} reads through {@link RankedHits#neighbourClass}; 0 for none. */
    default int depth() {
        return 0;
    }

    /** The measure's value for one query. */
    double of(RankedHits hits);
}
