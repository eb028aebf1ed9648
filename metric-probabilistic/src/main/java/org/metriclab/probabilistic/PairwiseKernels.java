package org.metriclab.probabilistic;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.metriclab.core.linalg.RowProducts;
import org.metriclab.core.linalg.Vectors;

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
    /** Rows per task in the row-parallel loops. */
    private static final int ROWS = 32;
    static final double CUTOFF = 50.0;

    private PairwiseKernels() {
    }

    /** Z = X Lᵀ: x is n×d, l is p×d, the result n×p (tiled row products, rows split between threads). */
    static double[] embed(double[] x, int n, int d, double[] l, int p) {
        double[] z = new double[n * p];
        parallelTiles(n, ROWS, (i0, i1) -> RowProducts.dots(x, i0, i1, l, p, d, z, RowProducts.Part.ALL));
        return z;
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
        parallelTiles(n, ROWS, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                lse[i] = softmaxRow(d, i * n, n);
            }
        });
        return lse;
    }

    /** {@link #softmaxRows} for the single row d[o..o+n−1]; returns its lse. */
    static double softmaxRow(double[] d, int o, int n) {
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
        return Math.log(sum) - min;
    }

    /**
     * A·Y for A = diag(rowsum S) − S with S = G + Gᵀ: g (n×n) is overwritten by S, y is n×c. Zero
     * weights (underflowed probabilities) are skipped: each row gathers its nonzero columns and
     * adds eight rows of Y at a time into the (contiguous, vectorised) output row.
     */
    static double[] laplacianTimes(double[] g, int n, double[] y, int c) {
        symmetrize(g, n);
        return laplacianProduct(g, n, y, c);
    }

    /** g ← g + gᵀ in place, by tiles. */
    static void symmetrize(double[] g, int n) {
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
    }

    /** (diag(rowsum S) − S)·Y for a symmetric S (n×n), y n×c. */
    static double[] laplacianProduct(double[] g, int n, double[] y, int c) {
        double[] out = new double[n * c];
        parallelTiles(n, ROWS, (r0, r1) -> {
            int[] cols = new int[n];
            double[] w = new double[n];
            double[] acc = new double[c];
            for (int i = r0; i < r1; i++) {
                int o = i * n;
                int m = 0;
                double rowSum = 0;
                for (int j = 0; j < n; j++) {
                    double s = g[o + j];
                    rowSum += s;
                    // branch-free gather of the nonzero columns (the zero pattern is unpredictable)
                    long bits = Double.doubleToRawLongBits(s) << 1;
                    cols[m] = j;
                    m += (int) ((bits | -bits) >>> 63);
                }
                for (int t = 0; t < m; t++) {
                    w[t] = g[o + cols[t]];
                }
                Arrays.fill(acc, 0.0);
                gather(cols, w, m, y, c, acc);
                int oi = i * c;
                for (int k = 0; k < c; k++) {
                    out[oi + k] = rowSum * y[oi + k] - acc[k];
                }
            }
        });
        return out;
    }

    /**
     * A·Y for A = diag(rowsum G + colsum G) − G − Gᵀ, with G given by its sparse rows and y n×c: row i
     * gathers the rows of Y named by row i of G and by row i of Gᵀ (built here in O(n + nonzeros)),
     * so the cost is O(nonzeros·c) and no n×n array is touched.
     */
    static double[] laplacianTimes(SparseRows g, double[] y, int c) {
        int n = g.n();
        SparseRows gt = g.transpose();
        double[] out = new double[n * c];
        parallelTiles(n, ROWS, (r0, r1) -> {
            double[] acc = new double[c];
            int[] cols = new int[2 * n];
            double[] w = new double[2 * n];
            for (int i = r0; i < r1; i++) {
                Arrays.fill(acc, 0.0);
                int m = merge(g.columns()[i], g.values()[i], gt.columns()[i], gt.values()[i], cols, w);
                double weight = gather(cols, w, m, y, c, acc);
                int oi = i * c;
                for (int k = 0; k < c; k++) {
                    out[oi + k] = weight * y[oi + k] - acc[k];
                }
            }
        });
        return out;
    }

    /**
     * Row i of S = G + Gᵀ from row i of G and of Gᵀ (both ascending) into cols/w, merging equal
     * columns; returns the number of entries. Neighbour relations are mostly mutual, so this gathers
     * far fewer rows of Y than the two rows taken separately.
     */
    private static int merge(int[] ca, double[] va, int[] cb, double[] vb, int[] cols, double[] w) {
        int a = 0;
        int b = 0;
        int m = 0;
        while (a < ca.length && b < cb.length) {
            int ja = ca[a];
            int jb = cb[b];
            if (ja == jb) {
                cols[m] = ja;
                w[m++] = va[a++] + vb[b++];
            } else if (ja < jb) {
                cols[m] = ja;
                w[m++] = va[a++];
            } else {
                cols[m] = jb;
                w[m++] = vb[b++];
            }
        }
        while (a < ca.length) {
            cols[m] = ca[a];
            w[m++] = va[a++];
        }
        while (b < cb.length) {
            cols[m] = cb[b];
            w[m++] = vb[b++];
        }
        return m;
    }

    /** acc += Σ_{t<m} w[t]·y[cols[t]·c ..] (rows of Y, eight at a time); returns Σ_{t<m} w[t]. */
    private static double gather(int[] cols, double[] w, int m, double[] y, int c, double[] acc) {
        double sum = 0;
        int t = 0;
        for (; t + 7 < m; t += 8) {
            double s0 = w[t];
            double s1 = w[t + 1];
            double s2 = w[t + 2];
            double s3 = w[t + 3];
            double s4 = w[t + 4];
            double s5 = w[t + 5];
            double s6 = w[t + 6];
            double s7 = w[t + 7];
            sum += ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
            int y0 = cols[t] * c;
            int y1 = cols[t + 1] * c;
            int y2 = cols[t + 2] * c;
            int y3 = cols[t + 3] * c;
            int y4 = cols[t + 4] * c;
            int y5 = cols[t + 5] * c;
            int y6 = cols[t + 6] * c;
            int y7 = cols[t + 7] * c;
            for (int k = 0; k < c; k++) {
                acc[k] += s0 * y[y0 + k] + s1 * y[y1 + k] + s2 * y[y2 + k] + s3 * y[y3 + k]
                        + s4 * y[y4 + k] + s5 * y[y5 + k] + s6 * y[y6 + k] + s7 * y[y7 + k];
            }
        }
        for (; t < m; t++) {
            double s = w[t];
            sum += s;
            int yj = cols[t] * c;
            for (int k = 0; k < c; k++) {
                acc[k] += s * y[yj + k];
            }
        }
        return sum;
    }

    /**
     * Uᵀ V for u (n×a) and v (n×b): an a×b result, as the row products of Uᵀ and Vᵀ (transposed copies,
     * O(n(a + b))), rows of the result split between threads.
     */
    static double[] transposeTimes(double[] u, int n, int a, double[] v, int b) {
        double[] ut = transpose(u, n, a);
        double[] vt = transpose(v, n, b);
        double[] out = new double[a * b];
        parallelTiles(a, 8, (r0, r1) -> RowProducts.dots(ut, r0, r1, vt, b, n, out, RowProducts.Part.ALL));
        return out;
    }

    /** vᵀ M v for each row v of the m×d matrix {@code v}, M d×d. */
    static double[] quadraticForms(double[] v, int m, int d, double[] mat) {
        double[] q = new double[m];
        IntStream.range(0, m).parallel().forEach(k -> {
            int o = k * d;
            double s = 0;
            for (int a = 0; a < d; a++) {
                s += v[o + a] * Vectors.dot(mat, a * d, v, o, d);
            }
            q[k] = s;
        });
        return q;
    }

    /** The c×r transpose of the r×c row-major matrix a. */
    static double[] transpose(double[] a, int r, int c) {
        double[] t = new double[r * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                t[j * r + i] = a[i * c + j];
            }
        }
        return t;
    }

    /** A loop body over rows [from, to). */
    @FunctionalInterface
    interface RowRange {
        void run(int from, int to);
    }

    /** Runs {@code body} over consecutive row ranges of {@code size} rows, in parallel. */
    static void parallelTiles(int n, int size, RowRange body) {
        int tasks = (n + size - 1) / size;
        IntStream.range(0, tasks).parallel().forEach(t -> body.run(t * size, Math.min(n, t * size + size)));
    }
}
