package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.linalg.Matrix;

/**
 * The sparse evaluation of the softmax-neighbour objectives (G kept as sparse rows within the
 * cutoff, A·Z from G and Gᵀ) against plain dense loops over all pairs: the full softmax without any
 * cutoff, and the gradient as Σ_ij ∂F/∂D_ij · 2(z_i − z_j)(x_i − x_j)ᵀ, which does not use the
 * Laplacian identity. The data are spread so that in every row some entries lie beyond the cutoff
 * and others within it; the sizes leave remainders in the 16-row, 32-row and 64-row tiles and in the
 * four- and eight-way unrolled loops.
 */
class SoftNeighborDenseReferenceTest {
    /** n×d points: cluster centres far apart (distances of hundreds) plus unit noise. */
    private static double[] points(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = new double[5][d];
        for (double[] c : centres) {
            for (int k = 0; k < d; k++) {
                c[k] = 6 * r.nextGaussian();
            }
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double[] c = centres[r.nextInt(centres.length)];
            for (int k = 0; k < d; k++) {
                x[i * d + k] = c[k] + r.nextGaussian();
            }
        }
        return x;
    }

    private static double[] transformation(int p, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] l = new double[p * d];
        for (int a = 0; a < p; a++) {
            for (int k = 0; k < d; k++) {
                l[a * d + k] = (a == k ? 1.0 : 0.0) + 0.3 * r.nextGaussian();
            }
        }
        return l;
    }

    /** The dense reference value and p×d gradient. */
    private record Reference(double value, double[] gradient) {
    }

    private static double[] embed(double[] x, int n, int d, double[] l, int p) {
        double[] z = new double[n * p];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < p; a++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += l[a * d + k] * x[i * d + k];
                }
                z[i * p + a] = s;
            }
        }
        return z;
    }

    private static double[][] squaredDistances(double[] z, int n, int p) {
        double[][] dist = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int a = 0; a < p; a++) {
                    double t = z[i * p + a] - z[j * p + a];
                    s += t * t;
                }
                dist[i][j] = s;
            }
        }
        return dist;
    }

    /** p_ij = exp(−D_ij) / Σ_{k≠i} exp(−D_ik), over all j ≠ i (no cutoff); p_ii = 0. */
    private static double[][] softmax(double[][] dist) {
        int n = dist.length;
        double[][] prob = new double[n][n];
        for (int i = 0; i < n; i++) {
            double min = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    min = Math.min(min, dist[i][j]);
                }
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    prob[i][j] = Math.exp(min - dist[i][j]);
                    sum += prob[i][j];
                }
            }
            for (int j = 0; j < n; j++) {
                prob[i][j] /= sum;
            }
        }
        return prob;
    }

    /** 2 Σ_ij dfdd_ij (z_i − z_j)(x_i − x_j)ᵀ + 2λL, p×d. */
    private static double[] gradient(double[][] dfdd, double[] x, double[] z, int n, int d, int p, double[] l,
            double lambda) {
        double[] g = new double[p * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double w = dfdd[i][j];
                if (i == j || w == 0) {
                    continue;
                }
                for (int a = 0; a < p; a++) {
                    double dz = z[i * p + a] - z[j * p + a];
                    for (int k = 0; k < d; k++) {
                        g[a * d + k] += 2 * w * dz * (x[i * d + k] - x[j * d + k]);
                    }
                }
            }
        }
        for (int k = 0; k < g.length; k++) {
            g[k] += 2 * lambda * l[k];
        }
        return g;
    }

    /** NCA: F = −Σ_i p_i + λ‖L‖² with p_i = Σ_{j: y_j = y_i} p_ij, so ∂F/∂D_ij = p_ij (1[y_j = y_i] − p_i). */
    private static Reference nca(double[] x, int[] y, int n, int d, double[] l, int p, double lambda) {
        double[] z = embed(x, n, d, l, p);
        double[][] prob = softmax(squaredDistances(z, n, p));
        double f = 0;
        double[] pi = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j != i && y[j] == y[i]) {
                    pi[i] += prob[i][j];
                }
            }
            f -= pi[i];
        }
        double[][] dfdd = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // ∂p_i/∂D_ij = −p_ij (1[y_j = y_i] − p_i), and F = −Σ p_i
                dfdd[i][j] = prob[i][j] * ((y[j] == y[i] ? 1.0 : 0.0) - pi[i]);
            }
        }
        double norm2 = 0;
        for (double v : l) {
            norm2 += v * v;
        }
        return new Reference(f + lambda * norm2, gradient(dfdd, x, z, n, d, p, l, lambda));
    }

    /** MLKR: F = Σ_i (ŷ_i − y_i)², ŷ_i = Σ_j p_ij y_j, ∂F/∂D_ij = 2(ŷ_i − y_i)·p_ij(ŷ_i − y_j). */
    private static Reference mlkr(double[] x, double[] y, int n, int d, double[] l, int p) {
        double[] z = embed(x, n, d, l, p);
        double[][] prob = softmax(squaredDistances(z, n, p));
        double f = 0;
        double[][] dfdd = new double[n][n];
        for (int i = 0; i < n; i++) {
            double yhat = 0;
            for (int j = 0; j < n; j++) {
                yhat += prob[i][j] * y[j];
            }
            f += (yhat - y[i]) * (yhat - y[i]);
            for (int j = 0; j < n; j++) {
                dfdd[i][j] = 2 * (yhat - y[i]) * prob[i][j] * (yhat - y[j]);
            }
        }
        return new Reference(f, gradient(dfdd, x, z, n, d, p, l, 0));
    }

    /** Asserts that in the rows of the embedded data, the cutoff drops some entries and keeps several. */
    private static void assertCutoffIsActive(double[] x, int n, int d, double[] l, int p) {
        double[][] dist = squaredDistances(embed(x, n, d, l, p), n, p);
        long beyond = 0;
        long within = 0;
        for (int i = 0; i < n; i++) {
            double min = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    min = Math.min(min, dist[i][j]);
                }
            }
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    if (dist[i][j] > min + SoftmaxRows.CUTOFF) {
                        beyond++;
                    } else {
                        within++;
                    }
                }
            }
        }
        long pairs = (long) n * (n - 1);
        assertTrue(beyond > pairs / 5 && within > pairs / 10, "cutoff drops " + beyond + " and keeps " + within
                + " of " + pairs + " pairs");
    }

    private static void assertMatches(Reference expected, double value, double[] gradient, String what) {
        assertEquals(expected.value(), value, 1e-11 * Math.max(1, Math.abs(expected.value())), what + ": value");
        double scale = 0;
        for (double v : expected.gradient()) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 1e-3, what + ": the reference gradient is too small to test (" + scale + ")");
        for (int k = 0; k < gradient.length; k++) {
            assertEquals(expected.gradient()[k], gradient[k], 1e-10 * scale, what + ": gradient entry " + k);
        }
    }

    @Test
    void ncaMatchesTheDenseComputation() {
        for (int[] shape : new int[][] {{70, 5, 5}, {131, 6, 3}}) {
            int n = shape[0];
            int d = shape[1];
            int p = shape[2];
            double[] x = points(n, d, n);
            int[] y = new int[n];
            SplittableRandom r = new SplittableRandom(7);
            for (int i = 0; i < n; i++) {
                y[i] = r.nextInt(3);
            }
            double[] l = transformation(p, d, n + 1);
            assertCutoffIsActive(x, n, d, l, p);
            double lambda = p < d ? 0.05 : 0.0;
            NcaObjective f = new NcaObjective(Matrix.of(n, d, x), y, p, lambda);
            double[] g = new double[p * d];
            double value = f.valueAndGradient(l.clone(), g);
            Reference expected = nca(x, y, n, d, l, p, lambda);
            assertMatches(expected, value, g, "nca n=" + n + " p=" + p);
            assertEquals(value, f.value(l.clone()), 0.0, "value alone");
        }
    }

    @Test
    void mlkrMatchesTheDenseComputation() {
        for (int[] shape : new int[][] {{70, 5, 5}, {131, 6, 3}}) {
            int n = shape[0];
            int d = shape[1];
            int p = shape[2];
            double[] x = points(n, d, 100 + n);
            double[] y = new double[n];
            SplittableRandom r = new SplittableRandom(9);
            for (int i = 0; i < n; i++) {
                y[i] = r.nextGaussian();
            }
            double[] l = transformation(p, d, n + 2);
            assertCutoffIsActive(x, n, d, l, p);
            MlkrObjective f = new MlkrObjective(Matrix.of(n, d, x), y, p);
            double[] g = new double[p * d];
            double value = f.valueAndGradient(l.clone(), g);
            assertMatches(mlkr(x, y, n, d, l, p), value, g, "mlkr n=" + n + " p=" + p);
        }
    }
}
