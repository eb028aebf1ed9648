package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** LFDA's own kernel (k-th smallest) against sorting. */
class LfdaKernelsTest {
    @Test
    void kthSmallestMatchesSortingWithAndWithoutTies() {
        SplittableRandom r = new SplittableRandom(7);
        for (int len : new int[] {1, 2, 5, 8, 16, 17, 33, 40, 126, 300}) {
            for (int ties : new int[] {1, 3, len / 2 + 1, len * 4}) {
                double[] a = new double[len + 3];
                for (int i = 0; i < a.length; i++) {
                    a[i] = r.nextInt(ties); // from all equal to (nearly) distinct
                }
                double[] sorted = Arrays.copyOfRange(a, 3, 3 + len);
                Arrays.sort(sorted);
                for (int k = 0; k < len; k++) {
                    assertEquals(sorted[k], LfdaLearner.kthSmallest(a, 3, len, k, new double[2 * len]), 0.0,
                            "len " + len + " ties " + ties + " k " + k);
                }
            }
        }
    }
}
