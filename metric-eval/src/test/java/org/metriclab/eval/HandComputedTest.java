package org.metriclab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;

/** Tiny cases worked out by hand (see the comments for the rankings). */
class HandComputedTest {
    // 1-D points x = 0, 1, 1, 2, 5 with labels 0, 1, 0, 1, 2 (label 2 is a lone query in self mode).
    // Rankings (ties by index): q0 → [1,2,3,4] rel [0,1,0,0]; q1 → [2,0,3,4] rel [0,0,1,0];
    // q2 → [1,0,3,4] rel [0,1,0,0]; q3 → [1,2,0,4] rel [1,0,0,0]; every R = 1.
    private static final Matrix X = Matrix.of(new double[][] {{0}, {1}, {1}, {2}, {5}});
    private static final Labels Y = Labels.of(0, 1, 0, 1, 2);

    @Test
    void tiesLoneQueryAndLargeK() {
        Map<String, Double> m = RetrievalEvaluator.evaluateSelf(X, Y, List.of("precision_at_1", "mean_reciprocal_rank",
                "mean_average_precision", "r_precision", "mean_average_precision_at_r", "knn_accuracy_2", "knn_accuracy_3",
                "knn_accuracy_10", "precision_at_10", "recall_at_10", "recall_at_2", "mean_reciprocal_rank_per_class",
                "precision_at_1_per_class"), 0);
        assertEquals(0.25, m.get("precision_at_1"), 1e-15);
        assertEquals(7.0 / 12, m.get("mean_reciprocal_rank"), 1e-15);
        assertEquals(7.0 / 12, m.get("mean_average_precision"), 1e-15);
        assertEquals(0.25, m.get("r_precision"), 1e-15);
        assertEquals(0.25, m.get("mean_average_precision_at_r"), 1e-15);
        // k = 2 vote ties go to the nearest neighbour: only q3 (nearest idx1, label 1) is right
        assertEquals(0.25, m.get("knn_accuracy_2"), 1e-15);
        assertEquals(0.0, m.get("knn_accuracy_3"), 1e-15);
        // k beyond the 4 retrievable references: vote over all 4; precision divides by k as PML does
        assertEquals(0.0, m.get("knn_accuracy_10"), 1e-15);
        assertEquals(0.1, m.get("precision_at_10"), 1e-15);
        assertEquals(1.0, m.get("recall_at_10"), 1e-15);
        assertEquals(0.75, m.get("recall_at_2"), 1e-15);
        // per class: label 0 → (1/2 + 1/2)/2, label 1 → (1/3 + 1)/2; lone label 2 absent
        assertEquals((0.5 + 2.0 / 3) / 2, m.get("mean_reciprocal_rank_per_class"), 1e-15);
        assertEquals(0.25, m.get("precision_at_1_per_class"), 1e-15);
        assertEquals(List.of("precision_at_1", "mean_reciprocal_rank", "mean_average_precision", "r_precision",
                "mean_average_precision_at_r", "knn_accuracy_2", "knn_accuracy_3", "knn_accuracy_10", "precision_at_10",
                "recall_at_10", "recall_at_2", "mean_reciprocal_rank_per_class", "precision_at_1_per_class"), List.copyOf(m.keySet()));
    }

    @Test
    void selfIsExcludedByIndexNotByDistance() {
        // three identical points; q0 and q1 each retrieve the other (same label) first, q2 is lone
        Matrix x = Matrix.of(new double[][] {{0, 0}, {0, 0}, {0, 0}});
        Map<String, Double> m = RetrievalEvaluator.evaluateSelf(x, Labels.of(4, 4, 9), List.of("precision_at_1", "r_precision"), 0);
        assertEquals(1.0, m.get("precision_at_1"));
        assertEquals(1.0, m.get("r_precision"));
    }

    @Test
    void queryReferenceModeKeepsExactMatches() {
        // query equals reference 0 (label 1) → first hit at rank 1; reference 1 (label 2) at distance 1
        Map<String, Double> m = RetrievalEvaluator.evaluate(Matrix.of(new double[][] {{3}}), Labels.of(2),
                Matrix.of(new double[][] {{3}, {4}, {2}}), Labels.of(1, 2, 2), List.of("mean_reciprocal_rank",
                        "mean_average_precision", "knn_accuracy_3"), 0);
        // ranking: ref0 (d 0), ref1 (d 1), ref2 (d 1; tie → index) → rel [0,1,1]; AP = (1/2 + 2/3)/2
        assertEquals(0.5, m.get("mean_reciprocal_rank"), 1e-15);
        assertEquals((0.5 + 2.0 / 3) / 2, m.get("mean_average_precision"), 1e-15);
        assertEquals(1.0, m.get("knn_accuracy_3"), 1e-15);
    }

    @Test
    void equidistantRelevantReferencesAndDuplicates() {
        // query at 0 (label 1); references: label-1 points all at distance 1 (indices 1, 3), label-2 points at
        // distances 1 (index 0, 2) and 4 (index 4): ranking by (d, index) = 0,1,2,3,4 → rel [0,1,0,1,0]
        Map<String, Double> m = RetrievalEvaluator.evaluate(Matrix.of(new double[][] {{0}}), Labels.of(1),
                Matrix.of(new double[][] {{1}, {-1}, {-1}, {1}, {2}}), Labels.of(2, 1, 2, 1, 2),
                List.of("mean_average_precision", "r_precision", "precision_at_1", "mean_reciprocal_rank"), 0);
        assertEquals((0.5 + 0.5) / 2, m.get("mean_average_precision"), 1e-15);
        assertEquals(0.5, m.get("r_precision"), 1e-15);
        assertEquals(0.0, m.get("precision_at_1"), 1e-15);
        assertEquals(0.5, m.get("mean_reciprocal_rank"), 1e-15);
    }

    @Test
    void allLoneQueriesGiveNaN() {
        Map<String, Double> m = RetrievalEvaluator.evaluate(Matrix.of(new double[][] {{0}, {1}}), Labels.of(5, 6),
                Matrix.of(new double[][] {{0}, {1}}), Labels.of(1, 2), List.of("precision_at_1", "mean_average_precision_per_class",
                        "roc_auc"), 0);
        assertTrue(m.values().stream().allMatch(v -> v.isNaN()), m.toString());
        Map<String, Double> self = RetrievalEvaluator.evaluateSelf(Matrix.of(new double[][] {{0}, {1}}), Labels.of(1, 2),
                List.of("r_precision"), 0);
        assertTrue(self.get("r_precision").isNaN());
    }

    @Test
    void rocAucCountsTiesAsHalf() {
        // self pairs excluded; pairs (unordered counted twice): (0,1) d=1 pos, (0,2) d=1 neg, (1,2) d=0 neg
        // positives {1,1}, negatives {1,1,0,0}: each positive beats nothing strictly, ties with two → 0.5·4/8
        Map<String, Double> m = RetrievalEvaluator.evaluateSelf(Matrix.of(new double[][] {{0}, {1}, {1}}), Labels.of(0, 0, 1),
                List.of("roc_auc"), 0);
        assertEquals(0.25, m.get("roc_auc"), 1e-15);
    }

    @Test
    void mutualInformationClosedForms() {
        int[] y = {0, 0, 1, 1, 2, 2};
        assertEquals(1.0, MutualInformation.nmi(y, new int[] {7, 7, 3, 3, 5, 5}), 1e-15);
        assertEquals(1.0, MutualInformation.ami(y, new int[] {7, 7, 3, 3, 5, 5}), 1e-12);
        assertEquals(0.0, MutualInformation.nmi(y, new int[6]), 0.0);
        assertEquals(0.0, MutualInformation.ami(y, new int[6]), 0.0);
        assertEquals(1.0, MutualInformation.nmi(new int[4], new int[4]), 0.0);
        // 2×2 table [[1,1],[1,1]]: MI = 0 → NMI 0
        assertEquals(0.0, MutualInformation.nmi(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-15);
    }

    @Test
    void logFactorialMatchesDirectSum() {
        double s = 0;
        for (int i = 2; i <= 3000; i++) {
            s += Math.log(i);
            assertEquals(s, MutualInformation.logFactorial(i), 1e-12 * s, "n=" + i);
        }
    }
}
