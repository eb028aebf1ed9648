package org.metriclab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestedMeasuresTest {
    @Test
    void verificationMeasuresAreRefusedInsteadOfReturnedEmpty() {
        for (String m : List.of("eer", "tar_at_far_0_01", "fnmr_at_fmr_0_001_threshold", "verification_positive_pairs")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RequestedMeasures.of(List.of("precision_at_1", m)));
            assertTrue(e.getMessage().contains("'" + m + "'") && e.getMessage().contains("not computed by the distributed evaluator"),
                    e.getMessage());
        }
        assertEquals(List.of("precision_at_1", "roc_auc"), RequestedMeasures.of(List.of("precision_at_1", "roc_auc")).names());
    }
}
