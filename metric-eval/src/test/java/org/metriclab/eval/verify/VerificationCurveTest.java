package org.metriclab.eval.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ROC/DET curve against counting at its own thresholds, and against {@link VerificationRates} at whole decades. */
class VerificationCurveTest {
    @Test
    void everyPointCountsThePairsAtItsThreshold() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 40; trial++) {
            double[] pos = draw(rnd, 1 + rnd.nextInt(300), 0.0);
            double[] neg = draw(rnd, 1 + rnd.nextInt(3000), 1.0);
            VerificationCurve c = VerificationCurve.of(new PairSample(sorted(pos), sorted(neg), false));
            double[] far = c.far();
            double[] tar = c.tar();
            double[] thr = c.thresholds();
            assertEquals(1.0, far[far.length - 1]);
            assertEquals(1.0, tar[tar.length - 1]);
            for (int i = 0; i < far.length; i++) {
                assertEquals(count(neg, thr[i]) / (double) neg.length, far[i], 0, "FAR at point " + i);
                assertEquals(count(pos, thr[i]) / (double) pos.length, tar[i], 0, "TAR at point " + i);
                assertEquals(1 - tar[i], c.fnmr()[i], 0);
                if (i > 0) {
                    assertTrue(far[i] > far[i - 1] && tar[i] >= tar[i - 1], "ascending at " + i);
                }
            }
            VerificationRates rates = VerificationRates.ofUnsorted(pos, neg);
            for (int e = 1; e <= 3; e++) {
                OperatingPoint p = rates.tarAtFar(e);
                if (!rates.estimable(e)) {
                    assertTrue(Double.isNaN(p.rate()) && Double.isNaN(p.threshold()), "fewer than 10^" + e + " negatives (trial " + trial + ")");
                    continue;
                }
                int at = Arrays.binarySearch(thr, p.threshold());
                assertTrue(at >= 0, "the decade 1e-" + e + " is a point of the curve (trial " + trial + ")");
                assertEquals(p.rate(), tar[at], 0);
            }
        }
    }

    @Test
    void smallHandExample() {
        // positives 1, 2; negatives 1.5, 3: accepting nothing below 1.5 takes positive 1 (TAR 1/2, FAR 0), below 3 takes
        // both positives and one negative (TAR 1, FAR 1/2), and the last point accepts everything
        VerificationCurve c = VerificationCurve.of(new PairSample(new double[] {1, 2}, new double[] {1.5, 3}, false));
        assertArrayEquals(new double[] {0, 0.5, 1}, c.far());
        assertArrayEquals(new double[] {0.5, 1, 1}, c.tar());
    }

    @Test
    void undefinedWithoutBothStrata() {
        assertEquals(0, VerificationCurve.of(new PairSample(new double[] {1}, new double[0], false)).far().length);
    }

    private static int count(double[] v, double threshold) {
        int c = 0;
        for (double d : v) {
            if (d <= threshold) {
                c++;
            }
        }
        return c;
    }

    private static double[] draw(Random rnd, int n, double shift) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.round((rnd.nextGaussian() + shift + 3) * 20) / 20.0;
        }
        return out;
    }

    private static double[] sorted(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c;
    }
}
