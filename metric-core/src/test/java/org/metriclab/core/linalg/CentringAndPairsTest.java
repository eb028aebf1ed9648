package org.metriclab.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CentringAndPairsTest {
    private static Matrix random(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian() * (1 + i % d) + 3;
        }
        return Matrix.of(n, d, v);
    }

    @Test
    void centringMatchesTheDefinitions() {
        Matrix x = random(7, 3, 1);
        double[] mean = Centring.of(x).means();
        for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int i = 0; i < 7; i++) {
                s += x.get(i, j);
            }
            assertEquals(s / 7, mean[j], 0.0);
        }
        Matrix c = Centring.centred(x);
        double[] expected = new double[9];
        for (int i = 0; i < 7; i++) {
            for (int a = 0; a < 3; a++) {
                assertEquals(x.get(i, a) - mean[a], c.get(i, a), 0.0);
                for (int b = 0; b < 3; b++) {
                    expected[a * 3 + b] += (x.get(i, a) - mean[a]) * (x.get(i, b) - mean[b]);
                }
            }
        }
        assertTrue(Centring.scatter(x).maxAbsDifference(Matrix.of(3, 3, expected)) < 1e-12);
        assertTrue(Centring.covariance(x).maxAbsDifference(Matrix.of(3, 3, expected).scale(1.0 / 6)) < 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Centring.covariance(random(1, 3, 2)));
        assertThrows(IllegalArgumentException.class, () -> Centring.of(x).apply(random(2, 4, 3)));
    }

    @Test
    void pairDifferencesAndWeightedScatter() {
        Matrix x = random(6, 4, 4);
        int[] left = {0, 1, 2, 5};
        int[] right = {3, 4, 0, 1};
        boolean[] similar = {true, false, true, false};
        double[] w = {0.5, -1, 2, 0.25};
        RowPairs pairs = new RowPairs(left, right);
        Matrix diff = pairs.differences(x);
        double[] expected = new double[16];
        double[] unweighted = new double[16];
        for (int k = 0; k < 4; k++) {
            for (int a = 0; a < 4; a++) {
                assertEquals(x.get(left[k], a) - x.get(right[k], a), diff.get(k, a), 0.0);
                for (int b = 0; b < 4; b++) {
                    double p = diff.get(k, a) * diff.get(k, b);
                    expected[a * 4 + b] += w[k] * p;
                    unweighted[a * 4 + b] += p;
                }
            }
        }
        assertTrue(pairs.scatter(x, w).maxAbsDifference(Matrix.of(4, 4, expected)) < 1e-12);
        assertTrue(pairs.scatter(x).maxAbsDifference(Matrix.of(4, 4, unweighted)) < 1e-12);
        RowPairs sim = pairs.select(similar, true);
        assertArrayEquals(new int[] {0, 2}, sim.left());
        assertArrayEquals(new int[] {3, 0}, sim.right());
        assertEquals(Matrix.zeros(4, 4), pairs.select(new boolean[4], true).scatter(x));
        assertThrows(IllegalArgumentException.class, () -> new RowPairs(new int[2], new int[1]));
    }
}
