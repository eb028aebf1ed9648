package org.metriclab.eval.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.Evaluation;
import org.metriclab.eval.Measure;
import org.metriclab.eval.RetrievalEvaluator;

/** The verification measures' names: listed, parsed back, evaluated, and malformed ones refused. */
class VerificationMeasureNamesTest {
    @Test
    void listedNamesParseBackWithTheirTarget() {
        List<String> names = RetrievalEvaluator.measureNames();
        for (String n : List.of("eer", "eer_threshold", "tar_at_far_0_1", "tar_at_far_0_0001_threshold",
                "fnmr_at_fmr_0_01", "fnmr_at_fmr_0_001_threshold", "verification_positive_pairs")) {
            assertTrue(names.contains(n), n);
            assertEquals(n, Measure.parse(n).name());
        }
        assertEquals(3, Measure.parse("tar_at_far_0_001").k());
        assertEquals(Measure.Kind.FNMR_AT_FMR_THRESHOLD, Measure.parse("fnmr_at_fmr_0_1_threshold").kind());
        assertEquals("tar_at_far_0_000000001", Measure.parse("tar_at_far_0_000000001").name());
    }

    @Test
    void malformedNamesAreRefused() {
        for (String bad : List.of("tar_at_far_0_2", "tar_at_far_1", "tar_at_far_0_0000000001", "eer_per_class",
                "fnmr_at_fmr_0_1_per_class", "tar_at_far_")) {
            assertThrows(IllegalArgumentException.class, () -> Measure.parse(bad), bad);
        }
    }

    @Test
    void hundredNegativesHandComputed() {
        // one query at the origin, references at 1..4 of its label and 0.5 plus 101 others of another label:
        // squared distances positives {1, 4, 9, 16}, negatives {0.25, 100, 101, ..., 199}
        int refs = 105;
        double[][] r = new double[refs][1];
        int[] ry = new int[refs];
        for (int i = 0; i < 4; i++) {
            r[i][0] = i + 1;
        }
        r[4][0] = 0.5;
        for (int i = 5; i < refs; i++) {
            r[i][0] = Math.sqrt(100 + i - 5);
            ry[i] = 1;
        }
        ry[4] = 1;
        double[][] q = {{0}};
        Map<String, Double> v = RetrievalEvaluator.evaluate(Matrix.of(q), Labels.of(0), Matrix.of(r), Labels.of(ry),
                List.of("tar_at_far_0_01", "tar_at_far_0_01_threshold", "tar_at_far_0_001", "eer", "eer_threshold",
                        "verification_negative_pairs"), 0);
        assertEquals(101.0, v.get("verification_negative_pairs"));
        // a = 1: the threshold is just below the second negative, the positives 1, 4, 9 and 16 all accepted
        assertEquals(1.0, v.get("tar_at_far_0_01"));
        assertEquals(Math.nextDown(r[5][0] * r[5][0]), v.get("tar_at_far_0_01_threshold"));
        // FAR 0.001 needs ⌈1/0.001⌉ = 1000 negatives; 101 cannot estimate it (no FAR = 0 point in its place)
        assertTrue(Double.isNaN(v.get("tar_at_far_0_001")));
        Evaluation e = Evaluation.of(Matrix.of(q), Labels.of(0), Matrix.of(r), Labels.of(ry), List.of("tar_at_far_0_01", "tar_at_far_0_001",
                "fnmr_at_fmr_0_0001_threshold"), 0, done -> { });
        assertEquals(Map.of("tar_at_far_0_001_not_estimable", "needs at least 1000 different-label pairs, has 101",
                "fnmr_at_fmr_0_0001_threshold_not_estimable", "needs at least 10000 different-label pairs, has 101"), e.notEstimable());
        assertEquals(List.of("tar_at_far_0_001_not_estimable: needs at least 1000 different-label pairs, has 101",
                "fnmr_at_fmr_0_0001_threshold_not_estimable: needs at least 10000 different-label pairs, has 101"), e.warnings());
        // t = 16: FAR 1/101, FNMR 0
        assertEquals(1 / 101.0, v.get("eer"));
        assertEquals(16.0, v.get("eer_threshold"));
    }
}
