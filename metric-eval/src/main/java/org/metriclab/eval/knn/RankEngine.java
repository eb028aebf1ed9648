package org.metriclab.eval.knn;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.metriclab.eval.RankMeasure;

/**
 * The one ranking engine: per-query values of {@link RankMeasure}s, from exact rankings streamed in tiles. Every
 * evaluator calls it, the local one on all queries at once, a distributed one on a range of queries per task; the
 * values do not depend on how the queries are split.
 *
 * <p>Rows come from the Gram kernel with {@link RankScanner}'s exactness guard, so values equal those of the exact
 * kernel, which {@code -Dmetriclab.eval.exactKernel=true} selects instead. Classes are the dense ids of the sorted
 * distinct reference labels; a query whose label no reference has is lone.
 */
public final class RankEngine {
    private RankEngine() {
    }

    /**
     * The values of {@code measures} for the queries {@code from .. to − 1}, row-major: value j of query q at
     * {@code (q − from)·measures.size() + j}; NaN for every measure of a lone query (no relevant reference).
     *
     * @param self true when the references are the queries (query i is reference i, left out of its ranking)
     * @param queriesDone receives the number of queries just scanned (from worker threads: must be thread-safe)
     */
    public static double[] perQuery(EmbeddingRows queries, int[] queryLabels, ReferenceTiles references, int[] referenceLabels,
                                    boolean self, List<? extends RankMeasure> measures, int from, int to, IntConsumer queriesDone) {
        int[] classes = Arrays.stream(referenceLabels).distinct().sorted().toArray();
        int[] refClass = new int[referenceLabels.length];
        int[] sizes = new int[classes.length];
        for (int j = 0; j < referenceLabels.length; j++) {
            refClass[j] = Arrays.binarySearch(classes, referenceLabels[j]);
            sizes[refClass[j]]++;
        }
        int[] queryClass = new int[queryLabels.length];
        for (int i = 0; i < queryLabels.length; i++) {
            queryClass[i] = Math.max(-1, Arrays.binarySearch(classes, queryLabels[i]));
        }
        RankScanner.Plan plan = RankScanner.Plan.of(refClass, sizes, queryClass, self, measures);
        double[] out = new double[(to - from) * measures.size()];
        if (Boolean.getBoolean("metriclab.eval.exactKernel")) {
            TiledSearch.forEachRow(queries, from, to, references,
                    () -> counted(new RankScanner(plan, out, from, queries, references, false), queriesDone));
        } else {
            TiledSearch.forEachGramRow(queries, from, to, references,
                    () -> counted(new RankScanner(plan, out, from, queries, references, true), queriesDone));
        }
        return out;
    }

    private static TiledSearch.RowVisitor counted(TiledSearch.RowVisitor scanner, IntConsumer queriesDone) {
        return (query, distances, offset) -> {
            scanner.visit(query, distances, offset);
            queriesDone.accept(1);
        };
    }
}
