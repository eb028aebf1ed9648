package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.linalg.SquaredDistances;

/**
 * The tiled, register-blocked kernels against plain triple loops, at sizes that leave remainders
 * in every blocking (n = 70: one full 64-row tile, a partial one, rows not a multiple of four).
 */
class GradientKernelsTest {
    private static double[] gaussian(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    @Test
    void distancesMatchSumsOfSquaredDifferences() {
        for (int n : new int[] {1, 5, 70, 131}) {
            int p = 7;
            double[] z = gaussian(n * p, n);
            double[] out = new double[n * n];
            SquaredDistances.pairwise(z, n, p, out);
            for (int i = 0; i < n; i++) {
                assertEquals(Double.POSITIVE_INFINITY, out[i * n + i]);
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        double s = 0;
                        for (int k = 0; k < p; k++) {
                            double t = z[i * p + k] - z[j * p + k];
                            s += t * t;
                        }
                        assertEquals(s, out[i * n + j], 1e-12 * Math.max(1, s), "n=" + n + " (" + i + "," + j + ")");
                        assertEquals(out[i * n + j], out[j * n + i], 0.0);
                    }
                }
            }
        }
    }

    @Test
    void laplacianTimesMatchesTheDenseProduct() {
        int n = 70;
        int c = 9;
        double[] g = gaussian(n * n, 1);
        for (int k = 0; k < g.length; k += 3) {
            g[k] = 0; // zeros are skipped by the kernel
        }
        double[] y = gaussian(n * c, 2);
        double[] expected = new double[n * c];
        for (int i = 0; i < n; i++) {
            double rowSum = 0;
            for (int j = 0; j < n; j++) {
                rowSum += g[i * n + j] + g[j * n + i];
            }
            for (int k = 0; k < c; k++) {
                double s = rowSum * y[i * c + k];
                for (int j = 0; j < n; j++) {
                    s -= (g[i * n + j] + g[j * n + i]) * y[j * c + k];
                }
                expected[i * c + k] = s;
            }
        }
        double[] actual = GraphLaplacian.times(g.clone(), n, y, c);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], 1e-10, "entry " + k);
        }
    }

    @Test
    void sparseLaplacianTimesMatchesTheDenseProduct() {
        // an asymmetric G with rows of 0..n−1 entries (lengths leave every remainder of the unrolled loop)
        int n = 70;
        int c = 9;
        SplittableRandom r = new SplittableRandom(5);
        double[] dense = new double[n * n];
        int[][] columns = new int[n][];
        double[][] values = new double[n][];
        for (int i = 0; i < n; i++) {
            int density = (i * 7) % n;
            int[] cols = java.util.stream.IntStream.range(0, n).filter(j -> r.nextInt(n) < density).toArray();
            columns[i] = cols;
            values[i] = new double[cols.length];
            for (int t = 0; t < cols.length; t++) {
                values[i][t] = r.nextGaussian();
                dense[i * n + cols[t]] = values[i][t];
            }
        }
        SparseRows g = new SparseRows(n, columns, values);
        SparseRows gt = g.transpose();
        for (int j = 0; j < n; j++) {
            int t = 0;
            for (int i = 0; i < n; i++) {
                if (dense[i * n + j] != 0) {
                    assertEquals(i, gt.columns()[j][t], "transpose row " + j);
                    assertEquals(dense[i * n + j], gt.values()[j][t], 0.0);
                    t++;
                }
            }
            assertEquals(t, gt.columns()[j].length, "transpose row " + j + " length");
        }
        double[] y = gaussian(n * c, 6);
        double[] expected = GraphLaplacian.times(dense.clone(), n, y, c);
        double[] actual = GraphLaplacian.times(g, y, c);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], 1e-10, "entry " + k);
        }
        assertEquals(java.util.Arrays.stream(columns).mapToLong(a -> a.length).sum(), g.nonzeros());
    }

    @Test
    void embedAndTransposeTimesMatchNaiveProducts() {
        int n = 203;
        int d = 11;
        int p = 6;
        double[] x = gaussian(n * d, 3);
        double[] l = gaussian(p * d, 4);
        double[] z = ProjectedRows.of(x, n, d, l, p);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < p; a++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += x[i * d + k] * l[a * d + k];
                }
                assertEquals(s, z[i * p + a], 1e-12);
            }
        }
        double[] t = TransposedProduct.of(z, n, p, x, d);
        for (int a = 0; a < p; a++) {
            for (int k = 0; k < d; k++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += z[i * p + a] * x[i * d + k];
                }
                assertEquals(s, t[a * d + k], 1e-10);
            }
        }
    }

    @Test
    void itmlProductMatchesNaiveSums() {
        for (int d : new int[] {1, 3, 4, 9, 13}) {
            double[] b = gaussian(d * d, d);
            double[] a = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    a[i * d + j] = b[i * d + j] + b[j * d + i];
                }
            }
            double[] v = gaussian(2 * d, 100 + d);
            double[] av = new double[d];
            ItmlLearner.times(a, v, d, d, av);
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += a[i * d + j] * v[d + j];
                }
                assertEquals(s, av[i], 1e-12, "d=" + d);
            }
        }
    }
}
