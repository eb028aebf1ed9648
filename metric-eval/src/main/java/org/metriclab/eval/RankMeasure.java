package org.metriclab.eval;

import java.util.OptionalInt;
import org.metriclab.eval.knn.RankedHits;

/**
 * A per-query retrieval measure: a pure function of one query's {@link RankedHits}. The evaluators (local and
 * distributed) rank every query once, call each requested measure on the result, and report the mean over the
 * queries that have at least one relevant reference, plus the
 * queries without one for measures whose {@link #lone()} value is a number (or, for {@code _per_class} built-ins, the mean of per-label
 * means). A value of NaN leaves that query out of the mean.
 */
public interface RankMeasure {
    /** How many nearest references' classes {@link #of} reads through {@link RankedHits#neighbourClass}; 0 for none. */
    default int depth() {
        return 0;
    }

    /**
     * Present as c when {@link #of} reads nothing beyond the c nearest references and R: their classes
     * ({@link RankedHits#neighbourClass}, i &lt; c), which of them are relevant ({@link RankedHits#relevantWithin}
     * and {@link RankedHits#anyRelevantWithin} for k ≤ c) and {@link RankedHits#relevant()}. Such a measure is
     * determined by a top-c list, so an engine that splits the references and merges each part's nearest ones
     * (distributed, reference-partitioned) can compute it; empty (the default) when it reads ranks anywhere in
     * the full ranking.
     */
    default OptionalInt nearestOnly() {
        return OptionalInt.empty();
    }

    /**
     * The value of a query that has no relevant reference (R = 0), for which {@link #of} is never called: NaN (the
     * default) leaves it out of the mean, a number counts it with that value.
     */
    default double lone() {
        return Double.NaN;
    }

    /** The measure's value for one query. */
    double of(RankedHits hits);
}
