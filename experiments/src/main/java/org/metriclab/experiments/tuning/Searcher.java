package org.metriclab.experiments.tuning;

import java.util.List;

/**
 * Proposes the next candidate as a point of the unit cube, given every candidate scored so far. A
 * strategy is deterministic for its seed and the history, so a resumed run proposes the same candidates.
 */
public interface Searcher {
    double[] propose(List<Observation> history);

    /** The strategy {@code kind} over {@code dims} dimensions, seeded with {@code seed}. */
    static Searcher of(SearchKind kind, int dims, long seed) {
        return switch (kind) {
            case RANDOM -> new RandomSearch(dims, seed);
            case SOBOL -> new SobolSearch(dims, seed);
            case TPE -> new TpeSearch(dims, seed);
        };
    }
}
