package org.metriclab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.knn.RankedHits;

/** precision_at_k and map_at_k under each convention, on rankings worked out by hand. */
class MeasureConventionTest {
    // References x = 1..5 with labels A(0), B(1), A, B, B. Queries: q0 at 0 (A) ranks A,B,A,B,B (R = 2, p = 1, 3);
    // q1 at 6 (B) ranks B,B,A,B,A (R = 3, p = 1, 2, 4); q2 at 0.5 has label C (2), which no reference has: lone.
    private static final Matrix REFS = Matrix.of(new double[][] {{1}, {2}, {3}, {4}, {5}});
    private static final Labels REF_LABELS = Labels.of(0, 1, 0, 1, 1);
    private static final Matrix QUERIES = Matrix.of(new double[][] {{0}, {6}, {0.5}});
    private static final Labels QUERY_LABELS = Labels.of(0, 1, 2);

    private static Map<String, Double> evaluate(String... measures) {
        return RetrievalEvaluator.evaluate(QUERIES, QUERY_LABELS, REFS, REF_LABELS, List.of(measures), 0);
    }

    @Test
    void precisionAtKDenominatorsAndLoneQueries() {
        Map<String, Double> m = evaluate("precision_at_3", "precision_at_3_pml", "precision_at_3_oml", "precision_at_3_trec");
        // q0: 2 of 3 relevant, R = 2; q1: 2 of 3, R = 3
        assertEquals(2.0 / 3, m.get("precision_at_3"), 1e-15);
        // the explicit default suffix names the same measure, reported once under its canonical name
        assertEquals(List.of("precision_at_3", "precision_at_3_oml", "precision_at_3_trec"), List.copyOf(m.keySet()));
        assertEquals((2.0 / 2 + 2.0 / 3) / 2, m.get("precision_at_3_oml"), 1e-15);
        assertEquals((2.0 / 3 + 2.0 / 3 + 0) / 3, m.get("precision_at_3_trec"), 1e-15);
    }

    @Test
    void mapAtKDenominatorsAndLoneQueries() {
        Map<String, Double> m = evaluate("map_at_3", "map_at_3_oml", "map_at_3_trec", "map_at_3_trec_per_class", "map_at_2_oml");
        // q0: 1/1 + 2/3 = 5/3 over R = 2 or hits = 2; q1: 1/1 + 2/2 = 2 over R = 3 (pml, trec) or hits = 2 (oml)
        assertEquals((5.0 / 6 + 2.0 / 3) / 2, m.get("map_at_3"), 1e-15);
        assertEquals((5.0 / 6 + 1.0) / 2, m.get("map_at_3_oml"), 1e-15);
        assertEquals((5.0 / 6 + 2.0 / 3 + 0) / 3, m.get("map_at_3_trec"), 1e-15);
        // per class A, B, C: 5/6, 2/3, 0
        assertEquals((5.0 / 6 + 2.0 / 3 + 0) / 3, m.get("map_at_3_trec_per_class"), 1e-15);
        // at k = 2: q0 has 1 hit (1/1 over 1), q1 has 2 (1 + 1 over 2)
        assertEquals(1.0, m.get("map_at_2_oml"), 1e-15);
    }

    @Test
    void everyQueryLoneIsNaNExceptUnderTrec() {
        Map<String, Double> m = RetrievalEvaluator.evaluate(QUERIES, Labels.of(7, 7, 7), REFS, REF_LABELS,
                List.of("precision_at_2", "precision_at_2_oml", "precision_at_2_trec", "map_at_2_trec"), 0);
        assertTrue(m.get("precision_at_2").isNaN());
        assertTrue(m.get("precision_at_2_oml").isNaN());
        assertEquals(0.0, m.get("precision_at_2_trec"));
        assertEquals(0.0, m.get("map_at_2_trec"));
    }

    @Test
    void omlMapWithoutHitsIsZeroAndPmlDividesByR() {
        // relevant at ranks 2 and 3, so none within k = 1
        RankedHits h = RankedHits.of(0, new long[] {2, 3}, new int[] {1, 0, 0}, 2);
        assertEquals(0.0, Measure.parse("map_at_1_oml").of(h));
        assertEquals(0.0, Measure.parse("map_at_1").of(h));
        // k = 3: 1/2 + 2/3 over R = 2 (pml) or hits = 2 (oml); precision 2/3 vs 2/min(3, 2)
        assertEquals((0.5 + 2.0 / 3) / 2, Measure.parse("map_at_3").of(h), 1e-15);
        assertEquals((0.5 + 2.0 / 3) / 2, Measure.parse("map_at_3_oml").of(h), 1e-15);
        assertEquals(2.0 / 3, Measure.parse("precision_at_3_trec").of(h), 1e-15);
        assertEquals(1.0, Measure.parse("precision_at_3_oml").of(h), 1e-15);
    }

    @Test
    void namesCarryTheConventionUnlessItIsTheDefault() {
        assertEquals("precision_at_5", Measure.parse("precision_at_5_pml").name());
        assertEquals("map_at_10_oml_per_class", Measure.parse("map_at_10_oml_per_class").name());
        assertEquals(MeasureConvention.TREC, Measure.parse("map_at_10_trec").convention());
        assertEquals(MeasureConvention.PML, Measure.parse("map_at_10").convention());
        assertTrue(Measure.names().contains("map_at_<k>_oml"));
        assertEquals("map_at_10_oml: oml convention (sum of precision at each relevant rank within 10 / relevant among the "
                + "10 nearest, R = relevant references; queries without one left out)", Measure.parse("map_at_10_oml").conventionNote().orElseThrow());
        assertTrue(Measure.parse("r_precision").conventionNote().isEmpty());
    }

    /**
     * Reciprocal rank under trec counts lone queries as 0: three queries, class 0 with its relevant reference at rank 2,
     * class 1 at rank 1, class 2 without a reference. pml: (1/2 + 1) / 2 = 0.75; trec: (1/2 + 1 + 0) / 3 = 0.5.
     */
    @Test
    void reciprocalRankUnderTrecCountsLoneQueriesAsZero() {
        Matrix q = Matrix.of(new double[][] {{0}, {10}, {20}});
        Matrix r = Matrix.of(new double[][] {{0.1}, {0.2}, {10}});
        Map<String, Double> v = RetrievalEvaluator.evaluate(q, Labels.of(0, 1, 2), r, Labels.of(1, 0, 1),
                List.of("mean_reciprocal_rank", "mean_reciprocal_rank_trec", "mean_reciprocal_rank_pml"), 0);
        assertEquals(0.75, v.get("mean_reciprocal_rank"), 1e-15);
        assertEquals(0.5, v.get("mean_reciprocal_rank_trec"), 1e-15);
        assertEquals("mean_reciprocal_rank", Measure.parse("mean_reciprocal_rank_pml").name());
        assertTrue(Measure.names().contains("mean_reciprocal_rank_trec"));
        IllegalArgumentException oml = assertThrows(IllegalArgumentException.class, () -> Measure.parse("mean_reciprocal_rank_oml"));
        assertTrue(oml.getMessage().contains("has no oml convention"), oml.getMessage());
        assertEquals("mean_reciprocal_rank_trec: trec convention (1 / rank of the nearest relevant reference, R = relevant references; "
                + "queries without one count as 0)", Measure.parse("mean_reciprocal_rank_trec").conventionNote().orElseThrow());
    }

    @Test
    void conventionsOnlyWhereTheDefinitionsDiffer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Measure.parse("r_precision_oml"));
        assertTrue(e.getMessage().contains("only precision_at_<k>, map_at_<k>"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Measure.parse("recall_at_5_trec"));
        assertThrows(IllegalArgumentException.class, () -> Measure.parse("precision_at_5_xyz"));
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> MeasureConvention.parse("faiss"));
        assertEquals("unknown measure convention 'faiss'; expected one of pml, oml, trec", c.getMessage());
    }
}
