package org.metriclab.eval.knn;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.metriclab.eval.Measure;
import org.metriclab.eval.RankMeasure;
import org.metriclab.eval.RetrievalMeasure;

/**
 * The one ranking engine: per-query values of {@link RankMeasure}s, from exact rankings streamed in tiles. Every
 * evaluator calls it, the local one on all queries at once, a distributed one on a range of queries per task; the
 * values do not depend on how the queries are split. When the references are split instead, each part gives its
 * {@link TopK} ({@link #nearest}), the parts merge, and the measures determined by the nearest references are
 * computed from the merged list ({@link #perQuery(TopK, int[], int[], boolean, List)}) with the same values.
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
     * {@code (q − from)·measures.size() + j}; a lone query (no relevant reference) gets each measure's {@link RankMeasure#lone()} value.
     *
     * @param self true when the references are the queries (query i is reference i, left out of its ranking)
     * @param queriesDone receives the number of queries just scanned (from worker threads: must be thread-safe)
     */
    public static double[] perQuery(EmbeddingRows queries, int[] queryLabels, ReferenceTiles references, int[] referenceLabels,
                                    boolean self, List<? extends RankMeasure> measures, int from, int to, IntConsumer queriesDone) {
        ClassIds ids = ClassIds.of(queryLabels, referenceLabels);
        RankScanner.Plan plan = RankScanner.Plan.of(ids.referenceClass(), ids.sizes(), ids.queryClass(), self, measures);
        double[] out = new double[(to - from) * measures.size()];
        if (exactKernel()) {
            TiledSearch.forEachRow(queries, from, to, references,
                    () -> counted(new RankScanner(plan, out, from, queries, references, false), queriesDone));
        } else {
            TiledSearch.forEachGramRow(queries, from, to, references,
                    () -> counted(new RankScanner(plan, out, from, queries, references, true), queriesDone));
        }
        return out;
    }

    /**
     * The exact k nearest of a part of the references for the queries {@code from .. to − 1}: the part's top-k,
     * which {@link TopK#merge} combines with the other parts' into the top-k over all references.
     *
     * @param part the references {@code firstReference .. firstReference + part.rows() − 1} of the whole set
     * @param self true when query i is reference i of the whole set (left out of its own list)
     */
    public static TopK nearest(EmbeddingRows queries, int from, int to, ReferenceTiles part, int firstReference, boolean self, int k) {
        if (k < 0 || from < 0 || to < from || to > queries.rows()) {
            throw new IllegalArgumentException("bad top-k request: k = " + k + ", queries " + from + ".." + (to - 1));
        }
        int[] count = new int[to - from];
        int[] index = new int[(to - from) * k];
        double[] distance = new double[(to - from) * k];
        boolean gram = !exactKernel();
        Supplier<NearestScanner> scanners = () -> new NearestScanner(queries, from, part, firstReference, self, gram, k, count, index,
                distance);
        if (gram) {
            TiledSearch.forEachGramRow(queries, from, to, part, scanners);
        } else {
            TiledSearch.forEachRow(queries, from, to, part, scanners);
        }
        return new TopK(from, k, count, index, distance);
    }

    /**
     * The values of {@code measures} for the queries of {@code nearest} (layout as in
     * {@link #perQuery(EmbeddingRows, int[], ReferenceTiles, int[], boolean, List, int, int, IntConsumer)}), from
     * their merged top-k over all references: equal to that method's values for every measure that declares
     * {@link RankMeasure#nearestOnly()} at most k (and reads at most k neighbour classes).
     *
     * @param nearest the top-k over all references (every part merged)
     * @throws IllegalArgumentException for a measure that needs more of the ranking than the top-k
     */
    public static double[] perQuery(TopK nearest, int[] queryLabels, int[] referenceLabels, boolean self,
                                    List<? extends RankMeasure> measures) {
        int k = nearest.k();
        for (RankMeasure m : measures) {
            if (m.nearestOnly().isEmpty() || m.nearestOnly().getAsInt() > k || m.depth() > k) {
                throw new IllegalArgumentException("measure '" + nameOf(m) + "' is not determined by the " + k + " nearest references");
            }
        }
        ClassIds ids = ClassIds.of(queryLabels, referenceLabels);
        int m = measures.size();
        int from = nearest.from();
        int others = referenceLabels.length - (self ? 1 : 0);
        RankedHits hits = new RankedHits(new long[k], new int[k], ids.sizes().length);
        double[] out = new double[(nearest.to() - from) * m];
        for (int q = from; q < nearest.to(); q++) {
            int y = ids.queryClass()[q];
            int relevant = y < 0 ? 0 : ids.sizes()[y] - (self ? 1 : 0);
            if (relevant == 0) {
                for (int j = 0; j < m; j++) {
                    out[(q - from) * m + j] = measures.get(j).lone();
                }
                continue;
            }
            int n = nearest.count(q);
            int[] neighbours = hits.neighbourBuffer();
            for (int i = 0; i < n; i++) {
                neighbours[i] = ids.referenceClass()[nearest.index(q, i)];
            }
            hits.resetNearest(y, relevant, n, n == others);
            for (int j = 0; j < m; j++) {
                out[(q - from) * m + j] = measures.get(j).of(hits);
            }
        }
        return out;
    }

    private static String nameOf(RankMeasure m) {
        if (m instanceof Measure builtin) {
            return builtin.name();
        }
        return m instanceof RetrievalMeasure registered ? registered.name() : m.toString();
    }

    /** True when {@code -Dmetriclab.eval.exactKernel=true} selects exact rows instead of the guarded Gram rows. */
    private static boolean exactKernel() {
        return Boolean.getBoolean("metriclab.eval.exactKernel");
    }

    /**
     * Dense class ids: the sorted distinct reference labels numbered from 0.
     *
     * @param referenceClass the class of every reference
     * @param sizes references per class
     * @param queryClass the class of every query's label, −1 when no reference has it
     */
    private record ClassIds(int[] referenceClass, int[] sizes, int[] queryClass) {
        static ClassIds of(int[] queryLabels, int[] referenceLabels) {
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
            return new ClassIds(refClass, sizes, queryClass);
        }
    }

    private static TiledSearch.RowVisitor counted(TiledSearch.RowVisitor scanner, IntConsumer queriesDone) {
        return (query, distances, offset) -> {
            scanner.visit(query, distances, offset);
            queriesDone.accept(1);
        };
    }
}
