package org.metriclab.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootstrapTest {
    /**
     * Efron &amp; Tibshirani (1993), An Introduction to the Bootstrap, Table 2.1 / §2.3: mouse survival, treatment
     * group (94, 197, 16, 38, 99, 141, 23), mean 86.86. The ideal (B → ∞) bootstrap standard error of the mean
     * is √(Σ(x − x̄)²)/n = 23.36 (the plug-in estimate; the text's B = 1000..∞ values approach it).
     */
    @Test
    void efronTibshiraniMouseDataStandardError() {
        double[] x = {94, 197, 16, 38, 99, 141, 23};
        Bootstrap b = Bootstrap.of(x, 40_000, 0.95, 7);
        assertEquals(86.857, b.estimate(), 1e-3);
        assertEquals(23.36, b.standardError(), 0.35);
        // the percentile interval of the mean is roughly mean ± 1.96 SE for this sample (asymmetric, right skew)
        assertTrue(b.low() > 86.857 - 2.2 * 23.36 && b.low() < 86.857 - 1.6 * 23.36, "low " + b.low());
        assertTrue(b.high() > 86.857 + 1.6 * 23.36 && b.high() < 86.857 + 2.2 * 23.36, "high " + b.high());
    }

    @Test
    void deterministicPerSeedAndQuantileInterpolation() {
        double[] hits = {1, 0, 1, 1, 0, 1, 1, 1, 0, 1};
        assertEquals(Bootstrap.of(hits, 5), Bootstrap.of(hits, 5));
        assertEquals(2.5, Bootstrap.quantile(new double[] {1, 2, 3, 4}, 0.5), 1e-15);
        assertEquals(1.0, Bootstrap.quantile(new double[] {1, 2, 3, 4}, 0.0), 1e-15);
        // any statistic of the resampled rows: the mean through resampled() is the same bootstrap as of()
        Bootstrap viaIndices = Bootstrap.resampled(hits.length, idx -> java.util.Arrays.stream(idx).mapToDouble(i -> hits[i]).average()
                .orElseThrow(), 500, 0.9, 11);
        assertEquals(Bootstrap.of(hits, 500, 0.9, 11), viaIndices);
        Bootstrap undefined = Bootstrap.resampled(3, idx -> Double.NaN, 10, 0.95, 1);
        assertTrue(Double.isNaN(undefined.low()) && Double.isNaN(undefined.standardError()));
        Bootstrap constant = Bootstrap.of(new double[] {1, 1, 1}, 3);
        assertEquals(1.0, constant.low());
        assertEquals(1.0, constant.high());
    }

    @Test
    void badInputIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.of(new double[0], 1));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.of(new double[] {1}, 1, 0.95, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bootstrap.of(new double[] {Double.NaN}, 1));
        assertEquals("per-query values[0] is NaN: expected finite numbers", e.getMessage());
    }

    @Test
    void resamplesBeyondTheLimitAreRefusedBeforeAllocating() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.resampled(3, idx -> 1.0, 2_000_000_000, 0.95, 1)).getMessage();
        assertTrue(m.contains("at most " + Bootstrap.MAX_RESAMPLES) && m.contains("2000000000"), m);
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.requireResamples(Bootstrap.MAX_RESAMPLES + 1L));
        Bootstrap.requireResamples(Bootstrap.MAX_RESAMPLES);
    }
}
