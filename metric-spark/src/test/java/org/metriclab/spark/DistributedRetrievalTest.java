package org.metriclab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.eval.RetrievalTask;
import org.metriclab.eval.knn.EmbeddingRows;

/**
 * Distributed evaluation gives exactly (bit for bit) the local evaluator's values for every built-in measure, on
 * random data with many exact distance ties (small integer coordinates, duplicated rows), in both retrieval modes,
 * for several partitionings and with roc_auc chunks small enough to take several passes; and a measure registered
 * through the SPI as a per-query function of the ranking runs on Spark with the local value.
 */
class DistributedRetrievalTest extends LocalSparkTest {
    private static final List<String> MEASURES = List.of("precision_at_1", "precision_at_5", "recall_at_3", "r_precision",
            "mean_average_precision_at_r", "knn_accuracy_1", "knn_accuracy_4", "knn_accuracy_7", "precision_at_1_per_class",
            "r_precision_per_class", "mean_average_precision_at_r_per_class", "knn_accuracy_4_per_class", "mean_reciprocal_rank",
            "mean_reciprocal_rank_per_class", "mean_average_precision", "mean_average_precision_per_class", "NMI", "AMI", "roc_auc",
            "map_at_5", "map_at_5_oml", "precision_at_5_oml", "precision_at_5_trec", "map_at_3_trec_per_class");
    @Test
    void queryReferenceModeEqualsLocalEvaluatorWithTies() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 2; trial++) {
            SparkTestData.TiedCase c = SparkTestData.TiedCase.draw(rnd, 6);
            int d = c.dim();
            Matrix refs = c.references();
            Matrix queries = c.queries();
            Labels rl = c.referenceLabels();
            Labels ql = c.queryLabels();
            Map<String, Double> local = RetrievalEvaluator.evaluate(queries, ql, refs, rl, MEASURES, 3);
            for (int partitions : new int[] {3, 7}) {
                Map<String, Double> distributed = DistributedRetrieval.evaluate(sc, queries, ql, refs, rl, MEASURES, 3, partitions);
                assertEquals(local, distributed, "trial " + trial + ", " + partitions + " partitions");
                assertEquals(List.copyOf(local.keySet()), List.copyOf(distributed.keySet()));
            }
            // five query ranges, roc_auc in one chunk
            assertEquals(local, DistributedRetrieval.evaluate(sc, queries.toArray(), ql.toArray(), refs.toArray(), rl.toArray(), d, d, false,
                    MEASURES, 3, 5, Integer.MAX_VALUE), "trial " + trial + ", five ranges");
        }
    }

    @Test
    void selfModeEqualsLocalEvaluatorWithDuplicates() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 240;
        Matrix x = SparkTestData.tiedPoints(rnd, n, 3);
        Labels y = SparkTestData.labels(rnd, n, 3);
        Map<String, Double> local = RetrievalEvaluator.evaluateSelf(x, y, MEASURES, 0);
        assertEquals(local, DistributedRetrieval.evaluateSelf(sc, x, y, MEASURES, 4));
        assertEquals(local, DistributedRetrieval.evaluate(sc, x.toArray(), y.toArray(), x.toArray(), y.toArray(), 3, 3, true, MEASURES, 0,
                6, Integer.MAX_VALUE));
        assertTrue(local.get("r_precision") > 0 && local.get("r_precision") < 1, String.valueOf(local));
        assertTrue(local.get("mean_average_precision") > 0 && local.get("mean_average_precision") < 1, String.valueOf(local));
        assertTrue(local.get("roc_auc") > 0.5 && local.get("roc_auc") < 1, String.valueOf(local));
    }

    @Test
    void defaultMeasuresAndSeedsAreTheLocalEvaluators() {
        SplittableRandom rnd = new SplittableRandom(21);
        Matrix x = SparkTestData.gaussianPoints(rnd, 120, 4);
        Labels y = SparkTestData.labels(rnd, 120, 5);
        for (long seed : new long[] {0, 17}) {
            Map<String, Double> local = RetrievalEvaluator.evaluateSelf(x, y, null, seed);
            assertEquals(local, DistributedRetrieval.evaluateSelf(sc, x, y, List.of(), seed, 3));
            assertEquals(List.copyOf(local.keySet()), List.copyOf(DistributedRetrieval.evaluateSelf(sc, x, y, null, seed, 3).keySet()));
        }
    }

    @Test
    void rocAucInSeveralChunksEqualsTheLocalValue() {
        // continuous coordinates spread the positive distances over many keys, so small chunks cut them
        SplittableRandom rnd = new SplittableRandom(31);
        Matrix refs = SparkTestData.gaussianPoints(rnd, 300, 3);
        Matrix queries = SparkTestData.gaussianPoints(rnd, 60, 3);
        Labels rl = SparkTestData.labels(rnd, 300, 3);
        Labels ql = SparkTestData.labels(rnd, 60, 3);
        List<String> ms = List.of("roc_auc");
        Map<String, Double> local = RetrievalEvaluator.evaluate(queries, ql, refs, rl, ms, 0);
        long positives = java.util.Arrays.stream(ql.toArray())
                .mapToLong(l -> java.util.Arrays.stream(rl.toArray()).filter(r -> r == l).count()).sum();
        // chunks of a third of the positives: at least three (each needing its own gather and count passes)
        int chunk = (int) (positives / 3 + 1);
        assertEquals(local, DistributedRetrieval.evaluate(sc, queries.toArray(), ql.toArray(), refs.toArray(), rl.toArray(), 3, 3, false,
                ms, 0, 5, chunk));
        Map<String, Double> self = RetrievalEvaluator.evaluateSelf(refs, rl, ms, 0);
        long selfPositives = java.util.Arrays.stream(rl.toArray())
                .mapToLong(l -> java.util.Arrays.stream(rl.toArray()).filter(r -> r == l).count() - 1).sum();
        assertEquals(self, DistributedRetrieval.evaluate(sc, refs.toArray(), rl.toArray(), refs.toArray(), rl.toArray(), 3, 3, true,
                ms, 0, 4, (int) (selfPositives / 3 + 1)));
        // more equal positive distances than one chunk holds: the local evaluator's error
        Matrix same = Matrix.of(new double[][] {{0}, {0}, {0}, {0}, {1}});
        Labels sameLabels = Labels.of(0, 0, 0, 0, 1);
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> DistributedRetrieval.evaluate(sc,
                same.toArray(), sameLabels.toArray(), same.toArray(), sameLabels.toArray(), 1, 1, true, List.of("roc_auc"), 0, 2, 5));
        assertTrue(tooMany.getMessage().contains("share nearly the same distance"), tooMany.getMessage());
    }

    @Test
    void handComputedFullRankingMeasures() {
        // 1-D references 0, 1, 2, 3 with labels a b a b; query at 0.4 (label a) ranks 0, 1, 2, 3: relevant at ranks 1, 3
        Matrix refs = Matrix.of(new double[][] {{0}, {1}, {2}, {3}});
        Labels rl = Labels.of(0, 1, 0, 1);
        Matrix queries = Matrix.of(new double[][] {{0.4}});
        Labels ql = Labels.of(0);
        Map<String, Double> v = DistributedRetrieval.evaluate(sc, queries, ql, refs, rl, List.of("mean_average_precision", "roc_auc"), 3);
        assertEquals((1.0 / 1 + 2.0 / 3) / 2, v.get("mean_average_precision"), 1e-15);
        // positives at d² 0.16, 2.56; negatives at 0.36, 6.76: pairs (pos < neg) = 1 + 2 = 3 of 4
        assertEquals(0.75, v.get("roc_auc"));
        // self mode, all rows at one point: every pair ties, AUC = ½; MAP by index order
        Matrix flat = Matrix.of(new double[][] {{1}, {1}, {1}, {1}});
        Labels fl = Labels.of(0, 0, 1, 1);
        Map<String, Double> f = DistributedRetrieval.evaluateSelf(sc, flat, fl, List.of("roc_auc", "mean_average_precision"), 2);
        assertEquals(0.5, f.get("roc_auc"));
        // row 0: ranking 1, 2, 3 → relevant 1 at rank 1; row 1: 0, 2, 3 → rank 1; rows 2, 3: ranks 3 → 1/3
        assertEquals((1 + 1 + 1.0 / 3 + 1.0 / 3) / 4, f.get("mean_average_precision"), 1e-15);
    }

    @Test
    void reciprocalRankBeyondTheListsIsCountedExactly() {
        // only mean_reciprocal_rank is asked for: lists hold 1 neighbour, so most first relevant references lie beyond them
        SplittableRandom rnd = new SplittableRandom(9);
        Matrix refs = SparkTestData.tiedPoints(rnd, 300, 2);
        Matrix queries = SparkTestData.tiedPoints(rnd, 50, 2);
        Labels rl = SparkTestData.labels(rnd, 300, 6);
        Labels ql = SparkTestData.labels(rnd, 50, 6);
        List<String> ms = List.of("mean_reciprocal_rank", "mean_reciprocal_rank_per_class");
        Map<String, Double> local = RetrievalEvaluator.evaluate(queries, ql, refs, rl, ms, 0);
        assertEquals(local, DistributedRetrieval.evaluate(sc, queries, ql, refs, rl, ms, 5));
        assertTrue(local.get("mean_reciprocal_rank") < 0.9, String.valueOf(local));
        assertEquals(RetrievalEvaluator.evaluateSelf(refs, rl, ms, 0), DistributedRetrieval.evaluateSelf(sc, refs, rl, ms, 3));
    }

    @Test
    void moreNeighboursThanReferences() {
        Matrix refs = Matrix.of(new double[][] {{0}, {1}, {1}});
        Matrix queries = Matrix.of(new double[][] {{1}, {0.5}});
        Labels rl = Labels.of(0, 1, 1);
        Labels ql = Labels.of(1, 0);
        List<String> ms = List.of("precision_at_10", "knn_accuracy_10", "recall_at_1");
        assertEquals(RetrievalEvaluator.evaluate(queries, ql, refs, rl, ms, 0), DistributedRetrieval.evaluate(sc, queries, ql, refs, rl, ms, 2));
        // hand check: query 0 at 1 ranks refs 1, 2 (ties by index), then 0 → precision_at_10 = 2/10; query 1 ties 0 and 1, ref 0 first
        Map<String, Double> v = DistributedRetrieval.evaluate(sc, queries, ql, refs, rl, ms, 2);
        assertEquals((0.2 + 0.1) / 2, v.get("precision_at_10"), 1e-15);
        assertEquals(1.0, v.get("recall_at_1"));
    }

    @Test
    void registeredRankedMeasureRunsOnSparkWithTheLocalValue() {
        SplittableRandom rnd = new SplittableRandom(17);
        Matrix refs = SparkTestData.tiedPoints(rnd, 200, 3);
        Labels rl = SparkTestData.labels(rnd, 200, 3);
        Matrix queries = SparkTestData.tiedPoints(rnd, 50, 3);
        Labels ql = SparkTestData.labels(rnd, 50, 4);
        List<String> ms = List.of("precision_at_1", NdcgAt10Measure.NAME, "knn_accuracy_3");
        Map<String, Double> distributed = DistributedRetrieval.evaluate(sc, queries, ql, refs, rl, ms, 3);
        assertEquals(RetrievalEvaluator.evaluate(queries, ql, refs, rl, ms, 0), distributed);
        assertEquals(ms, List.copyOf(distributed.keySet()));
        RetrievalTask task = new RetrievalTask(EmbeddingRows.of(queries, "queries"), ql.toArray(), EmbeddingRows.of(refs, "references"),
                rl.toArray(), false, 0);
        assertEquals(ndcgByFullScans(task), distributed.get(NdcgAt10Measure.NAME), 1e-12);
        Map<String, Double> self = DistributedRetrieval.evaluateSelf(sc, refs, rl, ms, 4);
        assertEquals(RetrievalEvaluator.evaluateSelf(refs, rl, ms, 0), self);
        RetrievalTask selfTask = new RetrievalTask(EmbeddingRows.of(refs, "references"), rl.toArray(), EmbeddingRows.of(refs, "references"),
                rl.toArray(), true, 0);
        assertEquals(ndcgByFullScans(selfTask), self.get(NdcgAt10Measure.NAME), 1e-12);
    }

    /** ndcg_at_10 from sorted full scans ({@link RetrievalTask#nearest}), lone queries left out. */
    private static double ndcgByFullScans(RetrievalTask task) {
        double sum = 0;
        int counted = 0;
        for (int q = 0; q < task.queryCount(); q++) {
            int relevant = task.relevantCount(q);
            if (relevant == 0) {
                continue;
            }
            int[] nn = task.nearest(q, NdcgAt10Measure.K);
            double dcg = 0;
            for (int i = 0; i < nn.length; i++) {
                dcg += task.referenceLabel(nn[i]) == task.queryLabel(q) ? NdcgAt10Measure.discount(i) : 0;
            }
            double ideal = 0;
            for (int i = 0; i < Math.min(NdcgAt10Measure.K, relevant); i++) {
                ideal += NdcgAt10Measure.discount(i);
            }
            sum += dcg / ideal;
            counted++;
        }
        return sum / counted;
    }

    @Test
    void badInputIsAClearIllegalArgument() {
        Matrix x = Matrix.of(new double[][] {{0, 1}, {1, 0}});
        Labels y = Labels.of(0, 1);
        IllegalArgumentException spi = assertThrows(IllegalArgumentException.class,
                () -> DistributedRetrieval.evaluateSelf(sc, x, y, List.of("precision_at_1", QueryCountMeasure.NAME), 2));
        assertTrue(spi.getMessage().contains("measure '" + QueryCountMeasure.NAME + "' is registered through the RetrievalMeasure SPI"),
                spi.getMessage());
        assertEquals(2.0, RetrievalEvaluator.evaluateSelf(x, y, List.of(QueryCountMeasure.NAME), 0).get(QueryCountMeasure.NAME));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> DistributedRetrieval.evaluateSelf(sc, x, y, List.of("no_such_measure"), 2));
        assertTrue(unknown.getMessage().contains("unknown measure 'no_such_measure'"), unknown.getMessage());
        IllegalArgumentException dims = assertThrows(IllegalArgumentException.class,
                () -> DistributedRetrieval.evaluate(sc, x, y, Matrix.of(new double[][] {{0}, {1}}), y, List.of("precision_at_1"), 2));
        assertTrue(dims.getMessage().contains("expected the same dimension"), dims.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> DistributedRetrieval.evaluate(sc, x, Labels.of(0), x, y, List.of("precision_at_1"), 2));
        assertTrue(count.getMessage().contains("query labels: expected one per embedding row (2 rows), got 1"), count.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> DistributedRetrieval.evaluateSelf(sc, Matrix.of(2, 1, new double[] {0, Double.NaN}), y, List.of("precision_at_1"), 2));
        assertTrue(nan.getMessage().contains("must be finite"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DistributedRetrieval.evaluateSelf(sc, x, y, List.of("precision_at_1"), 0));
        assertThrows(IllegalArgumentException.class, () -> DistributedRetrieval.evaluateSelf(sc, x, y, List.of("precision_at_x"), 1));
    }
}
