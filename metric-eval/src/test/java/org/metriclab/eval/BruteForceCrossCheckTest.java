package org.metriclab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.knn.ReferenceTiles;

/**
 * Tiled evaluation against the full-sort oracle on random data: Gaussian (no ties) and small-integer
 * (massive exact ties, duplicates), sizes across tile and block boundaries, self and query/reference mode.
 */
class BruteForceCrossCheckTest {
    private static final List<String> ALL = List.of("precision_at_1", "precision_at_3", "precision_at_50", "recall_at_1",
            "recall_at_4", "r_precision", "mean_average_precision_at_r", "mean_average_precision", "mean_reciprocal_rank",
            "knn_accuracy_1", "knn_accuracy_4", "knn_accuracy_15", "precision_at_1_per_class", "precision_at_3_per_class",
            "recall_at_4_per_class", "r_precision_per_class", "mean_average_precision_at_r_per_class",
            "mean_average_precision_per_class", "mean_reciprocal_rank_per_class", "knn_accuracy_4_per_class");

    static double[][] data(SplittableRandom rnd, int n, int d, boolean integer) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int t = 0; t < d; t++) {
                row[t] = integer ? rnd.nextInt(3) : rnd.nextGaussian();
            }
        }
        return x;
    }

    static int[] labels(SplittableRandom rnd, int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(classes) * 3 - 2;
        }
        return y;
    }

    private static void assertSame(Map<String, Double> expected, Map<String, Double> actual, String what) {
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()));
        for (String k : expected.keySet()) {
            assertEquals(expected.get(k), actual.get(k), 1e-12, what + " " + k);
        }
    }

    @Test
    void selfModeMatchesBruteForce() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[][] shapes = {{1 + ReferenceTiles.WIDTH, 5, 7}, {97, 3, 3}, {2 * ReferenceTiles.WIDTH + 3, 2, 12}};
        for (int[] s : shapes) {
            for (boolean integer : new boolean[] {false, true}) {
                double[][] x = data(rnd, s[0], s[1], integer);
                int[] y = labels(rnd, s[0], s[2]);
                Map<String, Double> actual = RetrievalEvaluator.evaluateSelf(Matrix.of(x), Labels.of(y), ALL, 0);
                assertSame(BruteForce.evaluate(x, y, x, y, true, ALL), actual, "n=" + s[0] + " integer=" + integer);
            }
        }
    }

    @Test
    void queryReferenceModeMatchesBruteForce() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (boolean integer : new boolean[] {false, true}) {
            double[][] q = data(rnd, 131, 4, integer);
            double[][] r = data(rnd, ReferenceTiles.WIDTH + 40, 4, integer);
            int[] ql = labels(rnd, q.length, 9);
            int[] rl = labels(rnd, r.length, 7);
            Map<String, Double> actual = RetrievalEvaluator.evaluate(Matrix.of(q), Labels.of(ql), Matrix.of(r), Labels.of(rl), ALL, 0);
            assertSame(BruteForce.evaluate(q, ql, r, rl, false, ALL), actual, "integer=" + integer);
        }
    }

    @Test
    void rocAucMatchesPairwiseCount() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (boolean integer : new boolean[] {false, true}) {
            double[][] q = data(rnd, 60, 3, integer);
            double[][] r = data(rnd, ReferenceTiles.WIDTH + 3, 3, integer);
            int[] ql = labels(rnd, q.length, 4);
            int[] rl = labels(rnd, r.length, 4);
            double actual = RetrievalEvaluator.evaluate(Matrix.of(q), Labels.of(ql), Matrix.of(r), Labels.of(rl),
                    List.of("roc_auc"), 0).get("roc_auc");
            assertEquals(BruteForce.rocAuc(q, ql, r, rl, false), actual, 1e-12, "integer=" + integer);
            double self = RetrievalEvaluator.evaluateSelf(Matrix.of(q), Labels.of(ql), List.of("roc_auc"), 0).get("roc_auc");
            assertEquals(BruteForce.rocAuc(q, ql, q, ql, true), self, 1e-12, "self integer=" + integer);
        }
    }
}
