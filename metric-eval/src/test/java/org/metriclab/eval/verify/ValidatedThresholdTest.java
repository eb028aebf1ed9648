package org.metriclab.eval.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValidatedThresholdTest {
    private static PairSample sample(double[] pos, double[] neg) {
        double[] p = pos.clone();
        double[] n = neg.clone();
        Arrays.sort(p);
        Arrays.sort(n);
        return new PairSample(p, n, false);
    }

    @Test
    void handComputedThresholdFromValidationAppliedToTest() {
        PairSample validation = sample(new double[] {1, 2, 3}, new double[] {2.5, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        PairSample test = sample(new double[] {1, 3.5, 5}, new double[] {3, 3.9, 4.5, 8});
        ValidatedThreshold v = ValidatedThreshold.of(validation, test, 1);
        // FAR ≤ 0.1 of 10 validation negatives allows one: the threshold sits just below the second negative, 4
        assertEquals(Math.nextDown(4.0), v.threshold());
        assertEquals(1.0, v.validationTar());
        assertEquals(0.1, v.validationFar());
        assertEquals(2 / 3.0, v.testTar(), 1e-15);
        assertEquals(0.5, v.testFar(), "the test FAR is what the fixed threshold gives, not the target");
        assertTrue(Double.isNaN(ValidatedThreshold.of(sample(new double[0], new double[] {1}), test, 1).testTar()));
    }

    @Test
    void onTheSamePairsItReproducesTarAtFarAndCountsLikeBruteForce() {
        Random rnd = new Random(9);
        for (int trial = 0; trial < 200; trial++) {
            double[] pos = new double[1 + rnd.nextInt(30)];
            double[] neg = new double[1 + rnd.nextInt(60)];
            Arrays.setAll(pos, i -> rnd.nextInt(8));
            Arrays.setAll(neg, i -> rnd.nextInt(8));
            PairSample s = sample(pos, neg);
            ValidatedThreshold v = ValidatedThreshold.of(s, s, 1);
            assertEquals(VerificationRates.of(s).tarAtFar(1).rate(), v.testTar(), 1e-15, "trial " + trial);
            if (neg.length < 10) {
                // FAR 0.1 needs at least 10 different-label validation pairs: no threshold, no rates
                assertTrue(Double.isNaN(v.threshold()) && Double.isNaN(v.testTar()) && Double.isNaN(v.testFar()), "trial " + trial);
                continue;
            }
            long accepted = Arrays.stream(neg).filter(d -> d <= v.threshold()).count();
            assertEquals(accepted / (double) neg.length, v.testFar(), 1e-15);
            assertTrue(v.validationFar() <= 0.1);
        }
    }
}
