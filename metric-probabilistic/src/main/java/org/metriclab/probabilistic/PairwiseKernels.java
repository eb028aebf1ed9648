package org.metriclab.probabilistic;

import java.util.stream.IntStream;

/**
 * The hot loops shared by the softmax-neighbour objectives (NCA, MCML, MLKR), on flat row-major
 * arrays, multi-threaded over rows or row tiles.
 *
 * <p>Every objective here is a function F of the pairwise squared distances D_ij = ‖z_i − z_j‖² with
 * z = L x. With G_ij = ∂F/∂D_ij, the weighted-pair identity
 * Σ_ij G_ij (x_i−x_j)(x_i−x_j)ᵀ = Xᵀ(D_r + D_c − G − Gᵀ)X (rows of X are samples) gives
 * ∂F/∂L = 2·(A Z)ᵀ X and ∂F/∂M = (A X)ᵀ X with A = diag(rowsum S) − S, S = G + Gᵀ, at
 * O(n²p + npd) cost instead of O(n²d²).
 */
final class PairwiseKernels {
    private static final int TILE = 64;
    static final double CUTOFF = 50.0;

    private PairwiseKernels() {
    }

    /** Z = X Lᵀ: x is n×d, l is p×d, the result n×p. */
    static double[] embed(double[] x, int n, int d, double[] l, int p) {
        double[] z = new double[n * p];
        IntStream.range(0, n).parallel().forEach(i -> {
            int xo = i * d;
            for (int a = 0; a < p; a++) {
                z[i * p + a] = dot(x, xo, l, a * d, d);
            }
        });
        return z;
    }

    /**
     * Squared Euclidean distances between the rows of z (n×p) into {@code out} (n×n), computed as
     * sums of squared differences (no cancellation), by symmetric tiles; the diagonal is +∞ so that
     * a point is never its own neighbour.
     */
    static void squaredDistances(double[] z, int n, int p, double[] out) {
        int tiles = (n + TILE - 1) / TILE;
        IntStream.range(0, tiles).parallel().forEach(bi -> {
            int i0 = bi * TILE;
            int i1 = Math.min(n, i0 + TILE);
            for (int i = i0; i < i1; i++) {
                int zi = i * p;
                out[i * n + i] = Double.POSITIVE_INFINITY;
                for (int j = i + 1; j < n; j++) {
                    out[i * n + j] = squaredDistance(z, zi, j * p, p);
                }
            }
        });
        // mirror the upper triangle, by tiles for locality
        IntStream.range(0, tiles).parallel().forEach(bj -> {
            int j0 = bj * TILE;
            int j1 = Math.min(n, j0 + TILE);
            for (int i = j0; i < n; i++) {
                for (int j = j0; j < Math.min(j1, i); j++) {
                    out[i * n + j] = out[j * n + i];
                }
            }
        });
    }

    /**
     * Replaces each row of d (n×n, +∞ on the diagonal) by the softmax of −d over k ≠ i, using the
     * row minimum as shift (stable log-sum-exp). Returns lse_i = log Σ_{k≠i} exp(−d_ik). Terms more
     * than {@value #CUTOFF} above the row minimum are set to 0 without calling exp: each is below
     * e^−50 ≈ 2e-22 of the largest term (which is 1), so even 10⁵ of them change the row sum by less than
     * one rounding unit.
     */
    static double[] softmaxRows(double[] d, int n) {
        double[] lse = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            int o = i * n;
            double min = Double.POSITIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                min = Math.min(min, d[o + k]);
            }
            double sum = 0;
            double limit = min + CUTOFF;
            for (int k = 0; k < n; k++) {
                double v = d[o + k];
                double e = v > limit ? 0.0 : Math.exp(min - v);
                d[o + k] = e;
                sum += e;
            }
            double inv = 1.0 / sum;
            for (int k = 0; k < n; k++) {
                d[o + k] *= inv;
            }
            lse[i] = Math.log(sum) - min;
        });
        return lse;
    }

    /**
     * A·Y for A = diag(rowsum S) − S with S = G + Gᵀ: g (n×n) is overwritten by S, y is n×c. Zero
     * weights (underflowed probabilities) are skipped.
     */
    static double[] laplacianTimes(double[] g, int n, double[] y, int c) {
        int tiles = (n + TILE - 1) / TILE;
        IntStream.range(0, tiles).parallel().forEach(bi -> {
            int i0 = bi * TILE;
            int i1 = Math.min(n, i0 + TILE);
            for (int j0 = i0; j0 < n; j0 += TILE) {
                int j1 = Math.min(n, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    for (int j = Math.max(j0, i + 1); j < j1; j++) {
                        double s = g[i * n + j] + g[j * n + i];
                        g[i * n + j] = s;
                        g[j * n + i] = s;
                    }
                }
            }
            for (int i = i0; i < i1; i++) {
                g[i * n + i] *= 2;
            }
        });
        double[] out = new double[n * c];
        IntStream.range(0, n).parallel().forEach(i -> {
            int o = i * n;
            int oi = i * c;
            double rowSum = 0;
            for (int j = 0; j < n; j++) {
                double s = g[o + j];
                if (s != 0) {
                    rowSum += s;
                    int yj = j * c;
                    for (int k = 0; k < c; k++) {
                        out[oi + k] -= s * y[yj + k];
                    }
                }
            }
            for (int k = 0; k < c; k++) {
                out[oi + k] += rowSum * y[i * c + k];
            }
        });
        return out;
    }

    /** Uᵀ V for u (n×a) and v (n×b): an a×b result. */
    static double[] transposeTimes(double[] u, int n, int a, double[] v, int b) {
        double[] out = new double[a * b];
        IntStream.range(0, a).parallel().forEach(r -> {
            int o = r * b;
            for (int i = 0; i < n; i++) {
                double w = u[i * a + r];
                if (w != 0) {
                    int vo = i * b;
                    for (int k = 0; k < b; k++) {
                        out[o + k] += w * v[vo + k];
                    }
                }
            }
        });
        return out;
    }

    /**
     * Σ_k w_k (x_l − x_r)(x_l − x_r)ᵀ over the pairs (left[k], right[k]): the d×d pair scatter, as
     * Vᵀ diag(w) V with V the m×d matrix of differences.
     */
    static double[] pairScatter(double[] x, int d, int[] left, int[] right, double[] w) {
        int m = left.length;
        double[] v = differences(x, d, left, right);
        double[] wv = new double[m * d];
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < d; j++) {
                wv[k * d + j] = w[k] * v[k * d + j];
            }
        }
        return transposeTimes(v, m, d, wv, d);
    }

    /** The m×d matrix of pair differences x_left − x_right. */
    static double[] differences(double[] x, int d, int[] left, int[] right) {
        int m = left.length;
        double[] v = new double[m * d];
        for (int k = 0; k < m; k++) {
            int a = left[k] * d;
            int b = right[k] * d;
            for (int j = 0; j < d; j++) {
                v[k * d + j] = x[a + j] - x[b + j];
            }
        }
        return v;
    }

    /** vᵀ M v for each row v of the m×d matrix {@code v}, M d×d. */
    static double[] quadraticForms(double[] v, int m, int d, double[] mat) {
        double[] q = new double[m];
        IntStream.range(0, m).parallel().forEach(k -> {
            int o = k * d;
            double s = 0;
            for (int a = 0; a < d; a++) {
                s += v[o + a] * dot(mat, a * d, v, o, d);
            }
            q[k] = s;
        });
        return q;
    }

    /** Σ_k a[ao+k]·b[bo+k] with four independent accumulators (the JIT does not vectorise reductions). */
    static double dot(double[] a, int ao, double[] b, int bo, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            s0 += a[ao + k] * b[bo + k];
            s1 += a[ao + k + 1] * b[bo + k + 1];
            s2 += a[ao + k + 2] * b[bo + k + 2];
            s3 += a[ao + k + 3] * b[bo + k + 3];
        }
        for (; k < len; k++) {
            s0 += a[ao + k] * b[bo + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ_k (z[i+k] − z[j+k])², four accumulators. */
    static double squaredDistance(double[] z, int i, int j, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            double t0 = z[i + k] - z[j + k];
            double t1 = z[i + k + 1] - z[j + k + 1];
            double t2 = z[i + k + 2] - z[j + k + 2];
            double t3 = z[i + k + 3] - z[j + k + 3];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        for (; k < len; k++) {
            double t = z[i + k] - z[j + k];
            s0 += t * t;
        }
        return (s0 + s1) + (s2 + s3);
    }
}
