package org.metriclab.eval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.Evaluation;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.Neighbours;
import org.metriclab.eval.knn.RetrievalCurves;

class IndexedEvaluationTest {
    private static final List<String> MEASURES = List.of("precision_at_1", "precision_at_5", "recall_at_3", "knn_accuracy_5",
            "r_precision", "mean_average_precision_at_r", "mean_average_precision_at_r_per_class", "roc_auc", "NMI", "map_at_5", "map_at_5_oml",
            "precision_at_5_oml", "precision_at_5_trec", "map_at_5_trec");

    /** Brute force: every reference's distance, sorted by (distance, index); {@code corrupt} replaces the last entry of every second query. */
    private record BruteForceSearch(boolean corrupt) implements ApproximateSearch {
        @Override
        public ApproximateIndex build(EmbeddingRows references, SearchSpec.Hnsw spec) {
            return new ApproximateIndex() {
                @Override
                public Neighbours search(EmbeddingRows queries, int k, int efSearch) {
                    int[] rows = new int[queries.rows() * k];
                    double[] dist = new double[rows.length];
                    for (int q = 0; q < queries.rows(); q++) {
                        double[] x = queries.row(q);
                        double[] d = new double[references.rows()];
                        List<Integer> order = new ArrayList<>();
                        for (int j = 0; j < references.rows(); j++) {
                            double[] r = references.row(j);
                            for (int t = 0; t < x.length; t++) {
                                d[j] += (x[t] - r[t]) * (x[t] - r[t]);
                            }
                            order.add(j);
                        }
                        order.sort(Comparator.<Integer>comparingDouble(j -> d[j]).thenComparingInt(j -> j));
                        for (int i = 0; i < k; i++) {
                            int row = corrupt && q % 2 == 0 && i == k - 1 ? order.get(order.size() - 1) : order.get(i);
                            rows[q * k + i] = row;
                            dist[q * k + i] = d[row];
                        }
                    }
                    return new Neighbours(queries.rows(), k, rows, dist);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private static double[] blobs(int n, int dim, int[] labels, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * dim];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
            for (int t = 0; t < dim; t++) {
                x[i * dim + t] = labels[i] * (t == 0 ? 1.5 : 0) + r.nextGaussian();
            }
        }
        return x;
    }

    private static SearchSpec.Hnsw spec(boolean compare, List<Integer> ef) {
        return new SearchSpec.Hnsw(16, 100, ef, compare, 3);
    }

    @Test
    void exactListsGiveTheExactEvaluatorsValuesInSelfMode() {
        int[] labels = new int[60];
        EmbeddingRows x = EmbeddingRows.of(blobs(60, 3, labels, 1), 60, 3, "x");
        Degradation d = IndexedEvaluation.run(x, labels, x, null, MEASURES, 7, spec(true, List.of(8, 32)), new BruteForceSearch(false));
        Map<String, Double> exact = RetrievalEvaluator.evaluate(x, labels, x, null, MEASURES, 7);
        assertEquals(2, d.points().size());
        for (Degradation.Point p : d.points()) {
            for (String m : MEASURES) {
                assertEquals(exact.get(m), p.approximate().get(m), 1e-12, m);
                assertEquals(exact.get(m), d.exact().get(m), 1e-12, m);
            }
            assertEquals(1.0, p.recall(), 0.0);
            assertTrue(p.queriesPerSecond() > 0);
        }
        assertEquals(14, d.depth(), "R = 15 rows per class, the query excluded");
        assertEquals(3, d.recallK());
        assertTrue(d.exactQueriesPerSecond() > 0 && d.buildSeconds() >= 0);
    }

    @Test
    void exactListsGiveTheExactEvaluatorsValuesAgainstReferences() {
        int[] ql = new int[25];
        int[] rl = new int[70];
        EmbeddingRows q = EmbeddingRows.of(blobs(25, 4, ql, 2), 25, 4, "q");
        EmbeddingRows r = EmbeddingRows.of(blobs(70, 4, rl, 3), 70, 4, "r");
        Degradation d = IndexedEvaluation.run(q, ql, r, rl, MEASURES, 7, spec(false, List.of(64)), new BruteForceSearch(false));
        Map<String, Double> exact = RetrievalEvaluator.evaluate(q, ql, r, rl, MEASURES, 7);
        for (String m : MEASURES) {
            assertEquals(exact.get(m), d.reported().get(m), 1e-12, m);
        }
        assertTrue(d.exact().isEmpty() && Double.isNaN(d.points().get(0).recall()) && Double.isNaN(d.exactQueriesPerSecond()));
    }

    /** Queries whose class has no reference are left out, or count as 0 under the trec convention, as in the exact engine. */
    @Test
    void loneQueriesGetEachMeasuresLoneValueAsInTheExactEvaluator() {
        int[] ql = new int[25];
        int[] rl = new int[70];
        EmbeddingRows q = EmbeddingRows.of(blobs(25, 4, ql, 5), 25, 4, "q");
        EmbeddingRows r = EmbeddingRows.of(blobs(70, 4, rl, 6), 70, 4, "r");
        ql[0] = 9;
        ql[3] = 9;
        Degradation d = IndexedEvaluation.run(q, ql, r, rl, MEASURES, 7, spec(false, List.of(64)), new BruteForceSearch(false));
        Map<String, Double> exact = RetrievalEvaluator.evaluate(q, ql, r, rl, MEASURES, 7);
        for (String m : MEASURES) {
            assertEquals(exact.get(m), d.reported().get(m), 1e-12, m);
        }
        assertTrue(d.reported().get("precision_at_5_trec") < d.reported().get("precision_at_5"));
    }

    /**
     * With exact neighbour lists the index's curves are the exact engine's P@k and R@k, k = 1..C: in self mode C is cut
     * to the 59 other rows, against references it is the 40 asked for; lone queries are left out of both alike.
     */
    @Test
    void exactListsGiveTheExactEnginesCurves() {
        int[] labels = new int[60];
        double[] xs = blobs(60, 3, labels, 1);
        EmbeddingRows x = EmbeddingRows.of(xs, 60, 3, "x");
        Degradation self = IndexedEvaluation.run(x, labels, x, null, List.of("precision_at_1"), 7, spec(false, List.of(8)),
                new BruteForceSearch(false), 100);
        RetrievalCurves.Means exact = Evaluation.self(Matrix.of(60, 3, xs), Labels.of(labels), List.of("precision_at_1"), 7, 59)
                .retrieval().orElseThrow();
        assertCurvesEqual(exact, self.curves().orElseThrow(), 59);
        int[] ql = new int[25];
        int[] rl = new int[70];
        double[] qs = blobs(25, 4, ql, 5);
        double[] rs = blobs(70, 4, rl, 6);
        ql[0] = 9;
        Degradation against = IndexedEvaluation.run(EmbeddingRows.of(qs, 25, 4, "q"), ql, EmbeddingRows.of(rs, 70, 4, "r"), rl,
                List.of("precision_at_1"), 7, spec(true, List.of(64)), new BruteForceSearch(false), 40);
        RetrievalCurves.Means exactAgainst = Evaluation.of(Matrix.of(25, 4, qs), Labels.of(ql), Matrix.of(70, 4, rs), Labels.of(rl),
                List.of("precision_at_1"), 7, 40).retrieval().orElseThrow();
        assertCurvesEqual(exactAgainst, against.curves().orElseThrow(), 40);
        assertTrue(IndexedEvaluation.run(x, labels, x, null, List.of("precision_at_1"), 7, spec(false, List.of(8)),
                new BruteForceSearch(false)).curves().isEmpty(), "no curves unless asked for");
    }

    private static void assertCurvesEqual(RetrievalCurves.Means exact, RetrievalCurves.Means indexed, int depth) {
        assertEquals(depth, indexed.maxK());
        for (int k = 0; k < depth; k++) {
            assertEquals(exact.precisionAtK()[k], indexed.precisionAtK()[k], 1e-12, "P@" + (k + 1));
            assertEquals(exact.recallAtK()[k], indexed.recallAtK()[k], 1e-12, "R@" + (k + 1));
        }
        assertEquals(0, indexed.recallLevels().length, "the precision-recall curve reads the whole ranking");
    }

    @Test
    void recallCountsTheExactNeighboursTheIndexMissed() {
        int[] labels = new int[40];
        EmbeddingRows x = EmbeddingRows.of(blobs(40, 2, labels, 4), 40, 2, "x");
        Degradation d = IndexedEvaluation.run(x, labels, x, null, List.of("precision_at_3"), 0, spec(true, List.of(16)),
                new BruteForceSearch(true));
        // depth 3 in self mode: the index is asked for 4 rows; every even query gets the farthest row as its 4th, so one of
        // its 3 nearest others is replaced: 20 of the 120 exact neighbours are missed
        assertEquals(100 / 120.0, d.points().get(0).recall(), 1e-12);
        assertTrue(d.points().get(0).approximate().get("precision_at_3") <= d.exact().get("precision_at_3"));
    }

    @Test
    void measuresOfTheWholeRankingAreRefusedInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IndexedEvaluation.requireSupported(List.of("precision_at_1", "mean_average_precision")));
        assertTrue(e.getMessage().startsWith("measure 'mean_average_precision' reads the whole ranking"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IndexedEvaluation.requireSupported(List.of("mean_reciprocal_rank")));
    }

    @Test
    void withoutAProviderTheMissingModuleIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ApproximateSearch::require);
        assertTrue(e.getMessage().contains("metric-index"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new SearchSpec.Hnsw(1, 100, List.of(64), false, 10));
        assertThrows(IllegalArgumentException.class, () -> new SearchSpec.Hnsw(16, 0, List.of(64), false, 10));
        assertThrows(IllegalArgumentException.class, () -> new SearchSpec.Hnsw(16, 100, List.of(), false, 10));
        assertThrows(IllegalArgumentException.class, () -> new SearchSpec.Hnsw(16, 100, List.of(0), false, 10));
        assertThrows(IllegalArgumentException.class, () -> new SearchSpec.Hnsw(16, 100, List.of(32, 32), true, 10));
        IllegalArgumentException sweep = assertThrows(IllegalArgumentException.class, () -> new SearchSpec.Hnsw(16, 100, List.of(16, 32), false, 10));
        assertTrue(sweep.getMessage().contains("compare_exact: true"));
        assertThrows(IllegalArgumentException.class, () -> new SearchSpec.Hnsw(16, 100, List.of(64), true, 0));
    }
}
