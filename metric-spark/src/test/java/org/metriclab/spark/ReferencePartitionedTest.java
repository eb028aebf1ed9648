package org.metriclab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.RetrievalEvaluator;

/**
 * Reference-partitioned evaluation (the references split across tasks, each part's top-k merged) gives exactly
 * the local evaluator's values for every measure determined by the nearest references — built-in, per-class and
 * registered through the SPI — on data with many exact distance ties, in both modes and for any number of parts,
 * and refuses the measures that read the whole ranking in one line naming the measure and the way out.
 */
class ReferencePartitionedTest extends LocalSparkTest {
    private static final List<String> NEAREST = List.of("precision_at_1", "precision_at_5", "recall_at_3", "recall_at_20",
            "map_at_5", "map_at_5_oml", "precision_at_5_oml", "map_at_20_trec", "precision_at_5_trec_per_class",
            "knn_accuracy_1", "knn_accuracy_4", "knn_accuracy_7", "precision_at_5_per_class", "knn_accuracy_4_per_class",
            "recall_at_3_per_class", NdcgAt10Measure.NAME, "NMI", "AMI");

    @Test
    void queryReferenceModeEqualsLocalEvaluatorWithTies() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int trial = 0; trial < 2; trial++) {
            SparkTestData.TiedCase c = SparkTestData.TiedCase.draw(rnd, 4);
            Map<String, Double> local = RetrievalEvaluator.evaluate(c.queries(), c.queryLabels(), c.references(), c.referenceLabels(),
                    NEAREST, 3);
            for (int parts : new int[] {1, 3, 7, c.references().rows() + 10}) {
                Map<String, Double> distributed = DistributedRetrieval.evaluate(sc, c.queries(), c.queryLabels(), c.references(),
                        c.referenceLabels(), NEAREST, 3, Partitioning.REFERENCES, parts);
                assertEquals(local, distributed, "trial " + trial + ", " + parts + " parts");
                assertEquals(NEAREST, List.copyOf(distributed.keySet()));
            }
            assertTrue(local.values().stream().anyMatch(v -> v > 0 && v < 1), String.valueOf(local));
        }
    }

    @Test
    void selfModeEqualsLocalEvaluatorWithDuplicates() {
        SplittableRandom rnd = new SplittableRandom(6);
        Matrix x = SparkTestData.tiedPoints(rnd, 260, 3);
        Labels y = SparkTestData.labels(rnd, 260, 3);
        Map<String, Double> local = RetrievalEvaluator.evaluateSelf(x, y, NEAREST, 0);
        for (int parts : new int[] {2, 5}) {
            assertEquals(local, DistributedRetrieval.evaluateSelf(sc, x, y, NEAREST, 0, Partitioning.REFERENCES, parts), parts + " parts");
        }
        // deeper than the reference set: the merged lists hold every other reference
        List<String> deep = List.of("precision_at_300", "knn_accuracy_500", "recall_at_259");
        Matrix small = SparkTestData.tiedPoints(rnd, 40, 2);
        Labels smallY = SparkTestData.labels(rnd, 40, 3);
        assertEquals(RetrievalEvaluator.evaluateSelf(small, smallY, deep, 0),
                DistributedRetrieval.evaluateSelf(sc, small, smallY, deep, 0, Partitioning.REFERENCES, 3));
    }

    @Test
    void measuresOfTheWholeRankingAreRefusedInOneLine() {
        SplittableRandom rnd = new SplittableRandom(8);
        Matrix x = SparkTestData.tiedPoints(rnd, 30, 2);
        Labels y = SparkTestData.labels(rnd, 30, 2);
        for (String name : List.of("r_precision", "mean_average_precision_at_r_per_class", "mean_average_precision",
                "mean_reciprocal_rank", "roc_auc")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DistributedRetrieval.evaluateSelf(sc, x, y,
                    List.of("precision_at_1", name), 0, Partitioning.REFERENCES, 2));
            assertTrue(e.getMessage().startsWith("measure '" + name + "'") && e.getMessage().contains("partitioning 'queries'"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            // the default partitioning computes it
            assertEquals(RetrievalEvaluator.evaluateSelf(x, y, List.of(name), 0),
                    DistributedRetrieval.evaluateSelf(sc, x, y, List.of(name), 0, Partitioning.QUERIES, 2));
        }
    }

    @Test
    void partitioningNamesParse() {
        assertEquals(Partitioning.REFERENCES, Partitioning.parse("references"));
        assertEquals(Partitioning.QUERIES, Partitioning.parse("QUERIES"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Partitioning.parse("refs"));
        assertEquals("partitioning 'refs': expected one of queries, references", e.getMessage());
    }
}
