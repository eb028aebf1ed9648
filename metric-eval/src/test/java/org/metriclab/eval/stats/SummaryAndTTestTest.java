package org.metriclab.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Worked example: Student (1908), "The probable error of a mean", Biometrika 6:1-25, the sleep data of
 * Cushny &amp; Peebles (extra hours of sleep of 10 patients under two drugs). The published analysis
 * (reproduced in R's {@code ?sleep}: {@code t.test(extra ~ group, data = sleep, paired = TRUE)}) gives
 * mean difference 1.58, t = 4.0621 with 9 df, two-sided p = 0.002833, 95% CI (0.7001142, 2.4598858).
 */
class SummaryAndTTestTest {
    static final double[] DRUG_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    static final double[] DRUG_2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

    @Test
    void studentSleepDataPairedTTest() {
        TestOutcome r = StudentPairedT.test(DRUG_2, DRUG_1);
        assertEquals(4.0621, r.statistic(), 5e-5);
        assertEquals(0.002833, r.pValue(), 5e-7);
        assertEquals(10, r.n());
        assertEquals(-4.0621, StudentPairedT.test(DRUG_1, DRUG_2).statistic(), 5e-5, "antisymmetric");
    }

    @Test
    void studentSleepDataDifferencesSummary() {
        double[] d = new double[10];
        for (int i = 0; i < 10; i++) {
            d[i] = DRUG_2[i] - DRUG_1[i];
        }
        Summary s = Summary.of(d);
        assertEquals(10, s.n());
        assertEquals(1.58, s.mean(), 1e-12);
        assertEquals(1.229995, s.sd(), 5e-7);
        assertEquals(0.7001142, s.low(), 5e-7);
        assertEquals(2.4598858, s.high(), 5e-7);
        assertEquals(s, Summary.fromMoments(10, s.mean(), s.sd(), 0.95));
    }

    @Test
    void singleValueHasNoSpreadAndBadInputIsNamed() {
        Summary one = Summary.of(new double[] {0.5});
        assertEquals(0.5, one.mean());
        assertTrue(Double.isNaN(one.sd()) && Double.isNaN(one.low()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Summary.of(new double[] {1, Double.NaN}));
        assertEquals("values[1] is NaN: expected finite numbers", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Summary.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> StudentPairedT.test(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Summary.of(new double[] {1, 2}, 1.5));
    }

    @Test
    void degenerateDifferences() {
        assertEquals(1.0, StudentPairedT.test(new double[] {1, 2, 3}, new double[] {1, 2, 3}).pValue());
        assertEquals(0.0, StudentPairedT.test(new double[] {2, 3, 4}, new double[] {1, 2, 3}).pValue());
    }
}
