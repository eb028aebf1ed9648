package org.metriclab.eval.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FriedmanNemenyiTest {
    /**
     * Hollander &amp; Wolfe (1973), p. 140, Table 7.1 (Woodward 1970): times to round first base for 22 players
     * under three methods (round out, narrow angle, wide angle), with ties; R's {@code ?friedman.test} gives
     * Friedman chi-squared = 11.143, df = 2, p-value = 0.003805. Rank sums (1 = fastest) 53, 47, 32.
     */
    @Test
    void hollanderWolfeRoundingFirstBase() {
        double[][] times = {
            {5.40, 5.50, 5.55}, {5.85, 5.70, 5.75}, {5.20, 5.60, 5.50}, {5.55, 5.50, 5.40}, {5.90, 5.85, 5.70},
            {5.45, 5.55, 5.60}, {5.40, 5.40, 5.35}, {5.45, 5.50, 5.35}, {5.25, 5.15, 5.00}, {5.85, 5.80, 5.70},
            {5.25, 5.20, 5.10}, {5.65, 5.55, 5.45}, {5.60, 5.35, 5.45}, {5.05, 5.00, 4.95}, {5.50, 5.50, 5.40},
            {5.45, 5.55, 5.50}, {5.55, 5.55, 5.35}, {5.45, 5.50, 5.55}, {5.50, 5.45, 5.25}, {5.65, 5.60, 5.40},
            {5.70, 5.65, 5.55}, {6.30, 6.30, 6.25}};
        Friedman f = Friedman.test(times, false);
        assertEquals(22, f.blocks());
        assertArrayEquals(new double[] {53 / 22.0, 47 / 22.0, 32 / 22.0}, f.averageRanks(), 1e-12);
        assertEquals(11.143, f.chiSquare(), 5e-4);
        assertEquals(0.003805, f.pValue(), 5e-7);
        Friedman higher = Friedman.test(times, true);
        assertArrayEquals(new double[] {4 - 53 / 22.0, 4 - 47 / 22.0, 4 - 32 / 22.0}, higher.averageRanks(), 1e-12);
        assertEquals(f.chiSquare(), higher.chiSquare(), 1e-9, "the statistic does not depend on the direction");
    }

    /**
     * Demšar (2006), JMLR 7:1-30, §3.2.2 worked example: four C4.5 variants on 14 data sets with average ranks
     * 3.143, 2.000, 2.893, 1.964 give χ²_F = 9.28 and F_F = 3.69; with q_0.05 = 2.569 (Table 5a) the Nemenyi
     * critical difference is CD = 2.569·√(4·5/(6·14)) = 1.25.
     */
    @Test
    void demsarWorkedExample() {
        Friedman f = Friedman.fromAverageRanks(new double[] {3.143, 2.000, 2.893, 1.964}, 14);
        assertEquals(9.28, f.chiSquare(), 0.005);
        assertEquals(3.69, f.imanDavenport(), 0.005);
        assertEquals(1.25, f.criticalDifference(0.05), 0.005);
    }

    /**
     * Demšar (2006), Table 5(a): critical values q_α for the two-tailed Nemenyi test, k = 2..10, printed with three
     * decimals (within 1e-3); and the more precise q_0.05(k = 3) = 3.31453/√2 = 2.343701 (scipy 1.17.1
     * {@code studentized_range.ppf(0.95, 3, 1e6) / sqrt(2)}).
     */
    @Test
    void nemenyiQuantilesMatchDemsarTable5() {
        double[] q05 = {1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164};
        double[] q10 = {1.645, 2.052, 2.291, 2.459, 2.589, 2.693, 2.780, 2.855, 2.920};
        for (int k = 2; k <= 10; k++) {
            assertEquals(q05[k - 2], Nemenyi.q(k, 0.05), 1e-3, "q_0.05, k = " + k);
            assertEquals(q10[k - 2], Nemenyi.q(k, 0.10), 1e-3, "q_0.10, k = " + k);
        }
        assertEquals(2.343701, Nemenyi.q(3, 0.05), 2e-6);
    }

    @Test
    void badShapesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Friedman.test(new double[][] {{1, 2}, {1}}, true));
        assertEquals("scores[1] has 1 treatments, expected 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Friedman.test(new double[][] {{1, 2}}, true));
        assertThrows(IllegalArgumentException.class, () -> Nemenyi.q(1, 0.05));
    }
}
