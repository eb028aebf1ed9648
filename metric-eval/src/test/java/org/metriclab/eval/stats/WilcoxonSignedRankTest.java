package org.metriclab.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WilcoxonSignedRankTest {
    /**
     * Hollander &amp; Wolfe (1973), Nonparametric Statistical Methods, p. 29, Table 3.1: Hamilton depression
     * scale before (x) and after (y) tranquilizer for 9 patients (also R's {@code ?wilcox.test}). W⁺ = 40;
     * the one-sided exact p is 0.01953 (= 10/512), so the two-sided p is 0.03906 (= 20/512).
     */
    @Test
    void hollanderWolfeDepressionExample() {
        double[] x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
        double[] y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
        TestOutcome r = WilcoxonSignedRank.test(x, y);
        assertEquals(WilcoxonSignedRank.EXACT, r.test());
        assertEquals(40, r.statistic(), 1e-12);
        assertEquals(20.0 / 512, r.pValue(), 1e-12);
        assertEquals(9, r.n());
        TestOutcome flipped = WilcoxonSignedRank.test(y, x);
        assertEquals(5, flipped.statistic(), 1e-12);
        assertEquals(r.pValue(), flipped.pValue(), 1e-12);
    }

    /**
     * Exact null distribution for n = 4 by enumeration (Wilcoxon 1945): the 16 sign patterns give W⁺ = 0..10
     * with counts 1,1,1,2,2,2,2,2,1,1,1; P(W⁺ ≤ 1) = 2/16, so two-sided p(W⁺ = 1) = 4/16.
     */
    @Test
    void exactDistributionSmallN() {
        assertEquals(4.0 / 16, WilcoxonSignedRank.exactP(1, 4), 1e-15);
        assertEquals(2.0 / 16, WilcoxonSignedRank.exactP(0, 4), 1e-15);
        assertEquals(1.0, WilcoxonSignedRank.exactP(5, 4), 1e-15);
    }

    /**
     * Ties and a zero, worked by hand (normal approximation, Hollander &amp; Wolfe 1973 §3.1 eq. 3.10 tie
     * variance): d = a − b = (0, 1, −1, 2, 2, 2, −3, 4, 5, 6, 7). The zero is dropped (n = 10); |d| mid-ranks:
     * 1,1 → 1.5; 2,2,2 → 4; 3 → 6; 4..7 → 7..10; W⁺ = 1.5 + 3·4 + 7 + 8 + 9 + 10 = 47.5. E = 27.5;
     * Var = 10·11·21/24 − [(2³−2) + (3³−3)]/48 = 96.25 − 0.625 = 95.625; z = (20 − 0.5)/√95.625 = 1.99412;
     * p = 2Φ(−1.99411) = 0.046140 (scipy 1.17.1 {@code wilcoxon(..., zero_method='wilcox', correction=True,
     * method='approx')} agrees).
     */
    @Test
    void tiesAndZerosUseTheCorrectedNormalApproximation() {
        double[] a = {0, 1, -1, 2, 2, 2, -3, 4, 5, 6, 7};
        double[] b = new double[a.length];
        TestOutcome r = WilcoxonSignedRank.test(a, b);
        assertEquals(WilcoxonSignedRank.NORMAL, r.test());
        assertEquals(10, r.n());
        assertEquals(47.5, r.statistic(), 1e-12);
        assertEquals(0.046140, r.pValue(), 1e-6);
    }

    @Test
    void noDifferencesMeansNoEvidenceAndBadInputIsNamed() {
        assertEquals(1.0, WilcoxonSignedRank.test(new double[] {1, 2}, new double[] {1, 2}).pValue());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WilcoxonSignedRank.test(new double[] {1, Double.POSITIVE_INFINITY}, new double[] {1, 2}));
        assertEquals("a[1] is Infinity: expected finite numbers", e.getMessage());
    }
}
