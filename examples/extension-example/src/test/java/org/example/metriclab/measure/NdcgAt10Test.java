package org.example.metriclab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.RetrievalEvaluator;

/** ndcg_at_10 against a hand computation, through the unchanged RetrievalEvaluator entry point. */
class NdcgAt10Test {
    @Test
    void matchesAHandComputedRanking() {
        // one query at 0; references at 1, 2, 3 with labels (same, other, same): ranks 1 and 3 relevant, R = 2
        Matrix query = Matrix.of(new double[][] {{0}});
        Matrix refs = Matrix.of(new double[][] {{3}, {1}, {2}});
        Map<String, Double> v = RetrievalEvaluator.evaluate(query, Labels.of(7), refs, Labels.of(7, 7, 5),
                List.of("precision_at_1", "ndcg_at_10"), 0);
        double dcg = 1 / log2(2) + 1 / log2(4);
        double ideal = 1 / log2(2) + 1 / log2(3);
        assertEquals(dcg / ideal, v.get("ndcg_at_10"), 1e-12);
        assertEquals(1.0, v.get("precision_at_1"), 1e-12);
        assertEquals(List.of("precision_at_1", "ndcg_at_10"), List.copyOf(v.keySet()), "results keep the requested order");
    }

    @Test
    void isOneForAPerfectRankingAndExcludesLoneQueries() {
        // self mode: two tight pairs far apart, plus a lone point of its own class
        Matrix x = Matrix.of(new double[][] {{0}, {0.1}, {10}, {10.1}, {50}});
        Map<String, Double> v = RetrievalEvaluator.evaluateSelf(x, Labels.of(0, 0, 1, 1, 2), List.of("ndcg_at_10"), 0);
        assertEquals(1.0, v.get("ndcg_at_10"), 1e-12);
        Map<String, Double> lone = RetrievalEvaluator.evaluateSelf(Matrix.of(new double[][] {{0}, {1}}), Labels.of(0, 1), List.of("ndcg_at_10"), 0);
        assertTrue(Double.isNaN(lone.get("ndcg_at_10")));
    }

    @Test
    void isListedWithTheBuiltInNames() {
        List<String> names = RetrievalEvaluator.measureNames();
        assertTrue(names.contains("ndcg_at_10") && names.contains("precision_at_<k>"), names.toString());
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
