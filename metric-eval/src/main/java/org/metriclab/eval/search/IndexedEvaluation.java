package org.metriclab.eval.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.metriclab.core.resource.MemoryBudget;
import org.metriclab.eval.Evaluation;
import org.metriclab.eval.Measure;
import org.metriclab.eval.RankMeasure;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.ExactNeighbours;
import org.metriclab.eval.knn.Neighbours;
import org.metriclab.eval.knn.ReferenceTiles;
import org.metriclab.eval.knn.RetrievalCurves;

/**
 * Retrieval measures with an approximate index standing in for exact search, and the degradation report when exact
 * search runs beside it. Rank measures come from the index's neighbour lists ({@link NeighbourListMeasures}); measures
 * that no neighbour list enters (NMI, AMI, ROC AUC, the verification rates) are computed by the exact evaluator and
 * are the same on both sides. Measures that read the whole ranking (MAP over all references, MRR) are refused, since
 * an index returns only the nearest references; for the same reason its retrieval curves are P@k and R@k up to the depth
 * searched, without the precision–recall curve.
 */
public final class IndexedEvaluation {
    /** Queries searched once, untimed, before the timed passes, so that timings measure compiled code. */
    private static final int WARM_UP_QUERIES = 200;

    private IndexedEvaluation() {
    }

    /**
     * Checks that every measure can be computed with an approximate index.
     *
     * @throws IllegalArgumentException naming the first measure that cannot, and the measures that can
     */
    public static void requireSupported(List<String> measures) {
        for (String name : measures) {
            Measure m;
            try {
                m = Measure.parse(name);
            } catch (IllegalArgumentException registered) {
                throw new IllegalArgumentException("measure '" + name + "' is not built in, and with an approximate index only built-in"
                        + " measures are computed; use search: {type: exact} for it", registered);
            }
            if (m.kind().isKnn() && !NeighbourListMeasures.fromLists(m)) {
                throw new IllegalArgumentException("measure '" + name + "' reads the whole ranking, which an approximate index does not"
                        + " return; with search type hnsw use precision_at_<k>, recall_at_<k>, knn_accuracy_<k>, r_precision or"
                        + " mean_average_precision_at_r");
            }
        }
    }

    /**
     * Evaluates the queries against the references through an index built by {@code provider}, at every beam width of
     * {@code spec}; with {@code spec.compareExact()} also exactly, with recall@k of the index against exact search.
     *
     * @param referenceLabels null for self mode (references = queries, each query's own row excluded)
     */
    public static Degradation run(EmbeddingRows queries, int[] queryLabels, EmbeddingRows references, int[] referenceLabels,
                                  List<String> measures, long seed, SearchSpec.Hnsw spec, ApproximateSearch provider) {
        return run(queries, queryLabels, references, referenceLabels, measures, seed, spec, provider, 0);
    }

    /**
     * As {@link #run(EmbeddingRows, int[], EmbeddingRows, int[], List, long, SearchSpec.Hnsw, ApproximateSearch)}; with
     * {@code curveDepth > 0} also the retrieval curves P@k and R@k for k = 1..C, C = min(curveDepth, references besides the
     * query), from one more search of the C nearest at the first beam width (the measures keep their own searches, so
     * asking for curves does not change them).
     */
    public static Degradation run(EmbeddingRows queries, int[] queryLabels, EmbeddingRows references, int[] referenceLabels,
                                  List<String> measures, long seed, SearchSpec.Hnsw spec, ApproximateSearch provider, int curveDepth) {
        List<String> requested = measures == null || measures.isEmpty() ? RetrievalEvaluator.defaultMeasures() : measures;
        requireSupported(requested);
        boolean self = referenceLabels == null;
        int[] refLabels = self ? queryLabels : referenceLabels;
        if (queryLabels.length != queries.rows() || refLabels.length != references.rows()) {
            throw new IllegalArgumentException("expected one label per query and per reference row");
        }
        int others = references.rows() - (self ? 1 : 0);
        if (others < 1) {
            throw new IllegalArgumentException("an index search needs at least one reference besides the query itself");
        }
        List<Measure> listed = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String name : requested) {
            Measure m = Measure.parse(name);
            if (NeighbourListMeasures.fromLists(m)) {
                listed.add(m);
            } else {
                rest.add(name);
            }
        }
        int depth = Math.min(others, depth(listed, queryLabels, refLabels, self));
        // the index's lists before and after removing each query's own row
        MemoryBudget.require(MemoryBudget.bytes(2L * queries.rows(), depth + 1L, Integer.BYTES + MemoryBudget.DOUBLE),
                "the " + depth + " nearest references of " + queries.rows() + " queries from the index",
                "evaluate fewer queries, or measures with a smaller cut-off than R (precision_at_<k> instead of mean_average_precision_at_r)");
        Evaluation unrankedEvaluation = rest.isEmpty() ? null
                : RetrievalEvaluator.evaluation(queries, queryLabels, references, referenceLabels, rest, seed);
        Map<String, Double> unranked = unrankedEvaluation == null ? Map.of() : unrankedEvaluation.values();
        Map<String, Double> exact = spec.compareExact()
                ? RetrievalEvaluator.evaluate(queries, queryLabels, references, referenceLabels, requested, seed) : Map.of();
        int self1 = self ? 1 : 0;
        int recallK = Math.min(spec.recallK(), others);
        Neighbours exactLists = null;
        double exactQps = Double.NaN;
        if (spec.compareExact()) {
            ReferenceTiles tiles = new ReferenceTiles(references);
            ExactNeighbours.search(head(queries), tiles, recallK + self1);
            long t0 = System.nanoTime();
            exactLists = withoutSelf(ExactNeighbours.search(queries, tiles, recallK + self1), self, recallK);
            exactQps = queries.rows() / seconds(t0);
        }
        long t0 = System.nanoTime();
        List<Degradation.Point> points = new ArrayList<>();
        Optional<RetrievalCurves.Means> curves = Optional.empty();
        double buildSeconds;
        try (ApproximateIndex index = provider.build(references, spec)) {
            buildSeconds = seconds(t0);
            index.search(head(queries), recallK + self1, spec.primaryEfSearch());
            for (int ef : spec.efSearch()) {
                long q0 = System.nanoTime();
                Neighbours nearest = withoutSelf(index.search(queries, recallK + self1, ef), self, recallK);
                double qps = queries.rows() / seconds(q0);
                Neighbours lists = depth == recallK ? nearest : withoutSelf(index.search(queries, depth + self1, ef), self, depth);
                double[] values = NeighbourListMeasures.means(lists, queryLabels, refLabels, self, listed);
                Map<String, Double> approx = new LinkedHashMap<>();
                for (String name : requested) {
                    Measure m = Measure.parse(name);
                    int at = listed.indexOf(m);
                    approx.put(name, at >= 0 ? values[at] : unranked.get(name));
                }
                double recall = exactLists == null ? Double.NaN : nearest.recallAgainst(exactLists);
                points.add(new Degradation.Point(ef, approx, recall, qps));
                if (curveDepth > 0 && curves.isEmpty()) {
                    int c = Math.min(curveDepth, others);
                    Neighbours deep = c == depth ? lists : withoutSelf(index.search(queries, c + self1, ef), self, c);
                    curves = Optional.of(curves(deep, queryLabels, refLabels, self, c));
                }
            }
        }
        return new Degradation(exact, buildSeconds, depth, exactQps, recallK, points, curves,
                unrankedEvaluation == null ? Map.of() : unrankedEvaluation.notEstimable());
    }

    /**
     * P@k and R@k (k = 1..c) of neighbour lists of depth c, averaged over the non-lone queries as the exact engine does
     * ({@link RetrievalCurves}); the precision–recall curve is left empty, since its points read relevant ranks beyond c.
     */
    private static RetrievalCurves.Means curves(Neighbours lists, int[] queryLabels, int[] refLabels, boolean self, int c) {
        List<RankMeasure> points = RetrievalCurves.pointMeasures(c).subList(0, 2 * c);
        double[] means = NeighbourListMeasures.means(lists, queryLabels, refLabels, self, points);
        return new RetrievalCurves.Means(Arrays.copyOfRange(means, 0, c), Arrays.copyOfRange(means, c, 2 * c), new double[0], new double[0]);
    }

    /** The deepest cut-off the measures read: each measure's k, and the largest R for the R-measures. */
    private static int depth(List<Measure> listed, int[] queryLabels, int[] refLabels, boolean self) {
        int depth = 1;
        boolean needsR = false;
        for (Measure m : listed) {
            depth = Math.max(depth, Math.max(m.k(), m.depth()));
            needsR |= NeighbourListMeasures.readsR(m);
        }
        if (needsR) {
            Map<Integer, Integer> sizes = new LinkedHashMap<>();
            for (int l : refLabels) {
                sizes.merge(l, 1, Integer::sum);
            }
            for (int l : queryLabels) {
                depth = Math.max(depth, sizes.getOrDefault(l, 0) - (self ? 1 : 0));
            }
        }
        return depth;
    }

    /**
     * Each query's list with its own row removed (self mode) and cut to {@code depth}; a query whose own row is absent
     * (ties at distance zero with duplicates) loses its last entry instead.
     */
    static Neighbours withoutSelf(Neighbours lists, boolean self, int depth) {
        if (!self && lists.k() == depth) {
            return lists;
        }
        int[] rows = new int[lists.queries() * depth];
        double[] dist = new double[rows.length];
        for (int q = 0; q < lists.queries(); q++) {
            int at = 0;
            for (int i = 0; i < lists.k() && at < depth; i++) {
                if (self && lists.row(q, i) == q) {
                    continue;
                }
                rows[q * depth + at] = lists.row(q, i);
                dist[q * depth + at++] = lists.distance(q, i);
            }
            for (; at < depth; at++) {
                rows[q * depth + at] = -1;
                dist[q * depth + at] = Double.POSITIVE_INFINITY;
            }
        }
        return new Neighbours(lists.queries(), depth, rows, dist);
    }

    private static EmbeddingRows head(EmbeddingRows queries) {
        return queries.rows(0, Math.min(WARM_UP_QUERIES, queries.rows()));
    }

    private static double seconds(long since) {
        return Math.max(1e-9, (System.nanoTime() - since) / 1e9);
    }
}
