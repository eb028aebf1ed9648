package org.metriclab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.RankedHits;

/** The built-in formulas on hand-made ranked hits, and an extension's per-query measure through the ranking engine. */
class RankMeasureTest {
    @Test
    void builtInFormulasOfHandMadeHits() {
        // relevant references at ranks 1 and 3 (R = 2); nearest classes 0, 1, 1, 0; the query is class 0
        RankedHits h = RankedHits.of(0, new long[] {1, 3}, new int[] {0, 1, 1, 0}, 2);
        assertEquals(1.0, value("precision_at_1", h));
        assertEquals(0.5, value("precision_at_2", h));
        assertEquals(2 / 3.0, value("precision_at_3", h));
        assertEquals(1.0, value("recall_at_1", h));
        assertEquals(0.5, value("r_precision", h));
        assertEquals(0.5, value("mean_average_precision_at_r", h));
        assertEquals((1 + 2 / 3.0) / 2, value("mean_average_precision", h));
        assertEquals(1.0, value("mean_reciprocal_rank", h));
        assertEquals(1.0, value("knn_accuracy_1", h));
        // two nearest: one vote each, the tie goes to the nearest (class 0)
        assertEquals(1.0, value("knn_accuracy_2", h));
        assertEquals(0.0, value("knn_accuracy_3", h));
        // four nearest: a tie again, class 0 holds the nearest
        assertEquals(1.0, value("knn_accuracy_4", h));
        RankedHits late = RankedHits.of(1, new long[] {4}, new int[] {0, 0, 0, 1}, 2);
        assertEquals(0.25, value("mean_reciprocal_rank", late));
        assertEquals(0.0, value("recall_at_3", late));
        assertEquals(1.0, value("recall_at_4", late));
        assertEquals(0.0, value("mean_average_precision_at_r", late));
        assertEquals(0.25, value("mean_average_precision", late));
        assertEquals(4, Measure.parse("knn_accuracy_4").depth());
        assertEquals(0, Measure.parse("mean_average_precision").depth());
    }

    @Test
    void badHitsAndNonRankMeasuresAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RankedHits.of(0, new long[0], new int[0], 1));
        assertThrows(IllegalArgumentException.class, () -> RankedHits.of(0, new long[] {2, 2}, new int[0], 1));
        assertThrows(IllegalArgumentException.class, () -> RankedHits.of(0, new long[] {1}, new int[] {3}, 2));
        RankedHits h = RankedHits.of(0, new long[] {1}, new int[0], 1);
        assertThrows(IllegalStateException.class, () -> Measure.parse("NMI").of(h));
    }

    @Test
    void extensionMeasureRunsInTheEnginePassAndMatchesFullScans() {
        SplittableRandom rnd = new SplittableRandom(3);
        int nq = 40;
        int nr = 90;
        double[] q = new double[nq * 2];
        double[] r = new double[nr * 2];
        for (int i = 0; i < q.length; i++) {
            q[i] = rnd.nextInt(4);
        }
        for (int i = 0; i < r.length; i++) {
            r[i] = rnd.nextInt(4);
        }
        int[] ql = rnd.ints(nq, 0, 4).toArray();
        int[] rl = rnd.ints(nr, 0, 3).toArray();
        RetrievalTask task = new RetrievalTask(EmbeddingRows.of(q, nq, 2, "q"), ql, EmbeddingRows.of(r, nr, 2, "r"), rl, false, 0);
        double scanned = 0;
        int counted = 0;
        for (int i = 0; i < nq; i++) {
            if (task.relevantCount(i) == 0) {
                continue;
            }
            int[] nn = task.nearest(i, 3);
            int hits = 0;
            for (int j : nn) {
                hits += task.referenceLabel(j) == ql[i] ? 1 : 0;
            }
            scanned += hits / 3.0;
            counted++;
        }
        assertEquals(scanned / counted, new SameLabelAmongThree().compute(task), 1e-15);
        assertEquals(RetrievalEvaluator.evaluate(EmbeddingRows.of(q, nq, 2, "q"), ql, EmbeddingRows.of(r, nr, 2, "r"), rl,
                List.of("precision_at_3"), 0).get("precision_at_3"), new SameLabelAmongThree().compute(task), 1e-15);
    }

    private static double value(String name, RankedHits h) {
        return Measure.parse(name).of(h);
    }

    /** The share of the 3 nearest references with the query's class, read from the neighbours' classes. */
    private static final class SameLabelAmongThree implements RankedRetrievalMeasure {
        @Override
        public String name() {
            return "same_label_among_three";
        }

        @Override
        public String description() {
            return "precision at 3 from the neighbour classes";
        }

        @Override
        public int depth() {
            return 3;
        }

        @Override
        public double of(RankedHits hits) {
            int same = 0;
            for (int i = 0; i < Math.min(3, hits.neighbours()); i++) {
                same += hits.neighbourClass(i) == hits.queryClass() ? 1 : 0;
            }
            return same / 3.0;
        }
    }
}
