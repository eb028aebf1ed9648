package org.metriclab.eval.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.metriclab.eval.knn.RetrievalCurves;

/**
 * What an approximate index changes: every measure from exact search beside the same measure from the index at each
 * beam width, the index's recall@k against exact search, and the build and query times.
 *
 * @param exact                 the measures from exact search (empty when exact search was not compared)
 * @param buildSeconds          wall time to build the index over the references
 * @param depth                 neighbours retrieved per query for the measures: the deepest cut-off any measure reads
 *                              (k, or R, the query's relevant references), searched at beam max(ef_search, depth)
 * @param exactQueriesPerSecond exact-engine queries per second for the {@code recallK} nearest (NaN when not compared)
 * @param recallK               the k of {@link Point#recall()}
 * @param points                one per beam width, in the order asked for
 * @param curves                P@k and R@k (k = 1..C) from the index's lists of the C nearest at the first beam width,
 *                              as the exact engine averages them (no precision–recall curve: it reads the whole ranking);
 *                              empty when not asked for
 * @param notEstimable          {@code <measure>_not_estimable} and the reason for each rate the pairs cannot estimate
 */
public record Degradation(Map<String, Double> exact, double buildSeconds, int depth, double exactQueriesPerSecond, int recallK,
                          List<Point> points, Optional<RetrievalCurves.Means> curves, Map<String, String> notEstimable) {
    public Degradation {
        exact = Map.copyOf(exact);
        points = List.copyOf(points);
        notEstimable = Map.copyOf(notEstimable);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a degradation report needs at least one beam width");
        }
    }

    /** A report without curves, every rate estimable. */
    public Degradation(Map<String, Double> exact, double buildSeconds, int depth, double exactQueriesPerSecond, int recallK, List<Point> points) {
        this(exact, buildSeconds, depth, exactQueriesPerSecond, recallK, points, Optional.empty(), Map.of());
    }

    /**
     * The index at one beam width.
     *
     * @param efSearch         the beam width
     * @param approximate      the measures from the index's neighbour lists (measures that no neighbour list enters, such
     *                         as NMI or the verification rates, have their exact value)
     * @param recall           recall@k of the index against exact search (NaN when not compared)
     * @param queriesPerSecond index queries per second for the {@code recallK} nearest at this beam width
     */
    public record Point(int efSearch, Map<String, Double> approximate, double recall, double queriesPerSecond) {
        public Point {
            approximate = Map.copyOf(approximate);
        }
    }

    /** Whether exact search was run beside the index. */
    public boolean compared() {
        return !exact.isEmpty();
    }

    /** The values a run reports as its measures: exact ones when compared, else the index's at the first beam width. */
    public Map<String, Double> reported() {
        return compared() ? exact : points.get(0).approximate();
    }
}
