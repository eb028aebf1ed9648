package org.metriclab.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Both layouts of pairwise squared distances against brute force Σ_t (x_it − x_jt)². */
class SquaredDistancesTest {
    private static double[] random(SplittableRandom r, int size) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = r.nextDouble(-2, 2);
        }
        return a;
    }

    private static double bruteForce(double[] x, int d, int i, int j) {
        double e = 0;
        for (int t = 0; t < d; t++) {
            double diff = x[i * d + t] - x[j * d + t];
            e += diff * diff;
        }
        return e;
    }

    @Test
    void rowsLayoutMatchesBruteForceWithZeroDiagonal() {
        SplittableRandom r = new SplittableRandom(6);
        for (int n : new int[] {1, 2, 3, 5, 8, 9, 14}) {
            for (int d : new int[] {1, 3, 4, 7}) {
                double[] x = random(r, n * d);
                double[][] rows = new double[n][];
                for (int i = 0; i < n; i++) {
                    rows[i] = Arrays.copyOfRange(x, i * d, (i + 1) * d);
                }
                double[][] dist = SquaredDistances.ofRows(rows);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(i == j ? 0.0 : bruteForce(x, d, i, j), dist[i][j], 1e-12, n + "x" + d + " (" + i + "," + j + ")");
                        assertEquals(dist[j][i], dist[i][j], 0.0, "symmetric");
                    }
                }
            }
        }
    }

    @Test
    void rowsLayoutFillsOnlyTheFirstNRowsOfLargerWorkArrays() {
        SplittableRandom r = new SplittableRandom(8);
        int n = 6;
        int d = 3;
        double[] x = random(r, n * d);
        double[][] rows = new double[n + 4][d + 2];
        double[][] xt = new double[d][n + 4];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                rows[i][t] = x[i * d + t];
                xt[t][i] = x[i * d + t];
            }
        }
        double[][] out = new double[n + 4][n + 4];
        for (double[] o : out) {
            Arrays.fill(o, -7.0);
        }
        SquaredDistances.ofRows(rows, xt, n, d, out);
        for (int i = 0; i < n + 4; i++) {
            for (int j = 0; j < n + 4; j++) {
                double expected = i >= n || j >= n ? -7.0 : i == j ? 0.0 : bruteForce(x, d, i, j);
                assertEquals(expected, out[i][j], 1e-12, "(" + i + "," + j + ")");
            }
        }
    }

    @Test
    void flatLayoutMatchesBruteForceWithInfiniteDiagonal() {
        SplittableRandom r = new SplittableRandom(9);
        for (int n : new int[] {1, 2, 7, 65, 130}) {
            int p = 5;
            double[] z = random(r, n * p);
            double[] out = new double[n * n];
            SquaredDistances.pairwise(z, n, p, out);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double expected = i == j ? Double.POSITIVE_INFINITY : bruteForce(z, p, i, j);
                    assertEquals(expected, out[i * n + j], 1e-12, n + " (" + i + "," + j + ")");
                }
            }
        }
    }
}
