package org.metriclab.eval.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-computed operating points, ties included. */
class VerificationRatesTest {
    // P = 4, N = 10; the positive 2 ties with the smallest negative
    private static final VerificationRates RATES = VerificationRates.ofUnsorted(
            new double[] {4, 2, 1, 3}, new double[] {13, 2, 5, 6, 7, 8, 9, 10, 11, 12});

    @Test
    void tarAtFarTenPercentAllowsOneNegative() {
        // a = 10 / 10 = 1: the threshold stays below the second negative (5); accepted: positives 1..4, negative 2
        OperatingPoint p = RATES.tarAtFar(1);
        assertEquals(1.0, p.rate());
        assertEquals(Math.nextDown(5.0), p.threshold());
        assertEquals(0.0, RATES.fnmrAtFmr(1).rate());
        assertEquals(Math.nextDown(5.0), RATES.fnmrAtFmr(1).threshold());
    }

    @Test
    void targetBelowOneOverNegativesIsNotEstimable() {
        // 0.01 needs ⌈1/0.01⌉ = 100 negatives, there are 10: NaN rate and threshold, and the count needed
        for (int e = 2; e <= 4; e++) {
            assertFalse(RATES.estimable(e));
            assertTrue(Double.isNaN(RATES.tarAtFar(e).rate()));
            assertTrue(Double.isNaN(RATES.tarAtFar(e).threshold()));
            assertTrue(Double.isNaN(RATES.fnmrAtFmr(e).rate()));
            assertTrue(Double.isNaN(RATES.fnmrAtFmr(e).threshold()));
            assertEquals("needs at least " + (long) Math.pow(10, e) + " different-label pairs, has 10", RATES.notEstimable(e).orElseThrow());
        }
        // exactly ⌈1/x⌉ = 10 negatives estimate FAR 0.1
        assertTrue(RATES.estimable(1));
        assertTrue(RATES.notEstimable(1).isEmpty());
        assertEquals("needs at least one same-label pair, has none",
                VerificationRates.ofUnsorted(new double[0], new double[] {1}).notEstimable(1).orElseThrow());
    }

    @Test
    void eerIsTheSmallestMaxOfFarAndFnmr() {
        // t = 1: max(0, 3/4); t = 2: max(1/10, 2/4); t = 3: max(1/10, 1/4); t = 4: max(1/10, 0); t = 5: max(2/10, 0)
        OperatingPoint p = RATES.eer();
        assertEquals(0.1, p.rate());
        assertEquals(4.0, p.threshold());
    }

    @Test
    void eerAcceptsTiedDistancesTogether() {
        // t = 1 accepts both positives and one of the two negatives: max(1/2, 0); t = 2: max(1, 0)
        OperatingPoint p = VerificationRates.ofUnsorted(new double[] {1, 1}, new double[] {1, 2}).eer();
        assertEquals(0.5, p.rate());
        assertEquals(1.0, p.threshold());
        // a tie across the strata at the EER point: the smallest attaining threshold is reported
        OperatingPoint q = VerificationRates.ofUnsorted(new double[] {1, 3}, new double[] {2, 4}).eer();
        assertEquals(0.5, q.rate());
        assertEquals(1.0, q.threshold());
    }

    @Test
    void separableStrataHaveZeroErrors() {
        VerificationRates r = VerificationRates.ofUnsorted(new double[] {0, 1}, new double[] {2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        assertEquals(new OperatingPoint(0.0, 1.0), r.eer());
        // a = 1 negative allowed: the threshold stays below the second negative, 3
        assertEquals(new OperatingPoint(1.0, Math.nextDown(3.0)), r.tarAtFar(1));
        assertTrue(Double.isNaN(r.tarAtFar(2).rate()), "10 negatives cannot estimate FAR 0.01");
    }

    @Test
    void undefinedWithoutOneStratum() {
        VerificationRates noNegatives = VerificationRates.ofUnsorted(new double[] {1}, new double[0]);
        assertTrue(Double.isNaN(noNegatives.eer().rate()));
        assertTrue(Double.isNaN(noNegatives.tarAtFar(1).threshold()));
        VerificationRates noPositives = VerificationRates.ofUnsorted(new double[0], new double[] {1});
        assertTrue(Double.isNaN(noPositives.fnmrAtFmr(2).rate()));
    }

    @Test
    void exponentOutOfRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RATES.tarAtFar(0));
        assertThrows(IllegalArgumentException.class, () -> VerificationRates.ofUnsorted(new double[0], new double[0]).estimable(0));
    }
}
