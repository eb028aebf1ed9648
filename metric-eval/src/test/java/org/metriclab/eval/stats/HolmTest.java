package org.metriclab.eval.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HolmTest {
    /**
     * Holm (1979), Scand. J. Statist. 6:65-70, step-down procedure worked by hand for m = 4:
     * sorted p = 0.005, 0.01, 0.03, 0.04 → 4·0.005 = 0.02, 3·0.01 = 0.03, 2·0.03 = 0.06, max(0.06, 1·0.04) = 0.06,
     * returned in input order (R's {@code p.adjust(c(.01,.04,.03,.005), "holm")} gives the same).
     */
    @Test
    void stepDownAdjustmentIsMonotoneAndInInputOrder() {
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-15);
        assertArrayEquals(new double[] {1.0, 1.0}, Holm.adjust(new double[] {0.6, 0.7}), 1e-15, "capped at 1");
        assertArrayEquals(new double[0], Holm.adjust(new double[0]));
    }

    @Test
    void rejectsNonProbabilities() {
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {0.1, 1.2}));
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {Double.NaN}));
    }
}
