package org.metriclab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every built-in measure declares which way it is better: scores higher, error rates lower, thresholds and counts not ranked. */
class MeasureDirectionTest {
    @Test
    void builtInsDeclareTheirDirection() {
        for (String score : List.of("precision_at_5", "map_at_10_trec", "r_precision", "mean_average_precision_at_r", "NMI", "AMI",
                "roc_auc", "tar_at_far_0_001", "knn_accuracy_3_per_class")) {
            assertEquals(MeasureDirection.HIGHER_IS_BETTER, Measure.parse(score).direction(), score);
        }
        for (String error : List.of("eer", "fnmr_at_fmr_0_01", "fnmr_at_fmr_0_0001")) {
            assertEquals(MeasureDirection.LOWER_IS_BETTER, Measure.parse(error).direction(), error);
        }
        for (String reported : List.of("eer_threshold", "tar_at_far_0_01_threshold", "fnmr_at_fmr_0_1_threshold",
                "verification_positive_pairs", "verification_negative_pairs")) {
            assertEquals(MeasureDirection.NOT_RANKED, Measure.parse(reported).direction(), reported);
        }
    }

    @Test
    void betterComparesInTheDirection() {
        assertTrue(MeasureDirection.HIGHER_IS_BETTER.better(0.9, 0.8));
        assertFalse(MeasureDirection.HIGHER_IS_BETTER.better(0.8, 0.9));
        assertTrue(MeasureDirection.LOWER_IS_BETTER.better(0.1, 0.2));
        assertFalse(MeasureDirection.LOWER_IS_BETTER.better(Double.NaN, 0.2));
        assertFalse(MeasureDirection.NOT_RANKED.better(0.1, 0.2));
        assertFalse(MeasureDirection.NOT_RANKED.ranked());
        assertThrows(IllegalStateException.class, MeasureDirection.NOT_RANKED::higherIsBetter);
    }
}
