package org.metriclab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.knn.EmbeddingRows;

/** The measure SPI: registry collisions, and RetrievalTask ranking exactly like the built-in kernels. */
class RetrievalMeasuresTest {
    record Named(String name) implements RetrievalMeasure {
        @Override
        public String description() {
            return "test";
        }

        @Override
        public double compute(RetrievalTask task) {
            return 0;
        }
    }

    @Test
    void namesCollideLoudly() {
        assertEquals(List.of("a_measure", "b_measure"), RetrievalMeasures.of(List.of(new Named("b_measure"), new Named("a_measure"))).names());
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> RetrievalMeasures.of(List.of(new Named("x"), new Named("x"))));
        assertTrue(twice.getMessage().contains("'x' is registered twice"), twice.getMessage());
        for (String builtin : List.of("precision_at_7", "r_precision_per_class", "NMI")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> RetrievalMeasures.of(List.of(new Named(builtin))));
            assertTrue(e.getMessage().contains("is a built-in measure"), e.getMessage());
        }
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> RetrievalMeasures.of(List.of(new Named("ndcg@10"))));
        assertTrue(bad.getMessage().contains("letters, digits and '_'"), bad.getMessage());
    }

    /** Integer-valued points so that many distances tie: the task must break ties exactly as the kernels do. */
    @Test
    void taskRankingReproducesTheBuiltInPrecisionAndRPrecision() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 80;
        int d = 3;
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(4);
            for (int t = 0; t < d; t++) {
                x[i * d + t] = r.nextInt(3) + (t == 0 ? y[i] : 0);
            }
        }
        Matrix m = Matrix.of(n, d, x);
        EmbeddingRows e = EmbeddingRows.of(m, "x");
        for (boolean self : new boolean[] {true, false}) {
            Map<String, Double> builtIn = self ? RetrievalEvaluator.evaluateSelf(m, Labels.of(y), List.of("precision_at_1", "r_precision"), 0)
                    : RetrievalEvaluator.evaluate(m.rows(range(0, 30)), Labels.of(java.util.Arrays.copyOf(y, 30)), m, Labels.of(y),
                            List.of("precision_at_1", "r_precision"), 0);
            RetrievalTask task = self ? new RetrievalTask(e, y, e, y, true, 0)
                    : new RetrievalTask(EmbeddingRows.of(m.rows(range(0, 30)), "q"), java.util.Arrays.copyOf(y, 30), e, y, false, 0);
            double p1 = 0;
            double rp = 0;
            int counted = 0;
            for (int q = 0; q < task.queryCount(); q++) {
                int big = task.relevantCount(q);
                if (big == 0) {
                    continue;
                }
                counted++;
                int[] nn = task.nearest(q, big);
                p1 += task.referenceLabel(nn[0]) == task.queryLabel(q) ? 1 : 0;
                int hits = 0;
                for (int j : nn) {
                    hits += task.referenceLabel(j) == task.queryLabel(q) ? 1 : 0;
                }
                rp += (double) hits / big;
            }
            assertEquals(builtIn.get("precision_at_1"), p1 / counted, 1e-12, "self=" + self);
            assertEquals(builtIn.get("r_precision"), rp / counted, 1e-12, "self=" + self);
        }
    }

    @Test
    void nearestExcludesTheQueryInSelfModeAndValidatesK() {
        EmbeddingRows e = EmbeddingRows.of(Matrix.of(new double[][] {{0}, {1}, {3}}), "x");
        RetrievalTask task = new RetrievalTask(e, new int[] {0, 0, 1}, e, new int[] {0, 0, 1}, true, 0);
        assertEquals(List.of(1, 2), java.util.Arrays.stream(task.nearest(0, 5)).boxed().toList());
        assertEquals(1, task.relevantCount(0));
        assertThrows(IllegalArgumentException.class, () -> task.nearest(0, 0));
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }
}
