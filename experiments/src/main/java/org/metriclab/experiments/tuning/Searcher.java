package org.metriclab.experiments.tuning;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Proposes the next candidate as a point of the unit cube, given every candidate scored so far. A
 * strategy is deterministic for its seed and the history, so a resumed run proposes the same candidates.
 */
public interface Searcher {
    double[] propose(List<Observation> history);

    /** The strategy {@code kind} over {@code dims} dimensions, seeded with {@code seed}. */
    static Searcher of(SearchKind kind, int dims, long seed) {
        return of(kind, dims, seed, u -> {
            boolean[] all = new boolean[u.length];
            Arrays.fill(all, true);
            return all;
        });
    }

    /**
     * The strategy {@code kind} over {@code space}. Random and Sobol points cover every coordinate (the space drops
     * inactive ones when it maps the point); TPE models each dimension only from the candidates where it was
     * active and compares densities only over the dimensions a proposal activates.
     */
    static Searcher of(SearchKind kind, SearchSpace space, long seed) {
        return of(kind, space, seed, 0);
    }

    /** As {@link #of(SearchKind, SearchSpace, long)}; {@code budget} (candidates, 0 when unknown) sizes a grid's real dimensions. */
    static Searcher of(SearchKind kind, SearchSpace space, long seed, int budget) {
        if (kind == SearchKind.GRID) {
            return new GridSearch(space, budget);
        }
        return of(kind, space.size(), seed, space::active);
    }

    private static Searcher of(SearchKind kind, int dims, long seed, Function<double[], boolean[]> activity) {
        return switch (kind) {
            case RANDOM -> new RandomSearch(dims, seed);
            case SOBOL -> new SobolSearch(dims, seed);
            case TPE -> new TpeSearch(dims, seed, activity);
            case GRID -> throw new IllegalArgumentException("a grid needs the search space's dimensions");
        };
    }
}
