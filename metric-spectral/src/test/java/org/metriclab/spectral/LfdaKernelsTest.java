package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** LFDA's own kernels (distances from the row-combination Gram, k-th smallest) against brute force and sorting. */
class LfdaKernelsTest {
    private static double[] random(SplittableRandom r, int size) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = r.nextDouble(-2, 2);
        }
        return a;
    }

    @Test
    void squaredDistancesMatchBruteForce() {
        SplittableRandom r = new SplittableRandom(6);
        for (int n : new int[] {1, 2, 3, 5, 8, 9, 14}) {
            for (int d : new int[] {1, 3, 4, 7}) {
                double[] x = random(r, n * d);
                double[][] rows = new double[n][];
                for (int i = 0; i < n; i++) {
                    rows[i] = Arrays.copyOfRange(x, i * d, (i + 1) * d);
                }
                double[][] dist = LfdaLearner.squaredDistances(rows);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double e = 0;
                        for (int t = 0; t < d; t++) {
                            double diff = x[i * d + t] - x[j * d + t];
                            e += diff * diff;
                        }
                        assertEquals(i == j ? 0.0 : e, dist[i][j], 1e-12, n + "x" + d + " (" + i + "," + j + ")");
                        assertEquals(dist[j][i], dist[i][j], 0.0, "symmetric");
                    }
                }
            }
        }
    }

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
