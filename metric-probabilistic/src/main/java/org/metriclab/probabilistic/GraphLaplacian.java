package org.metriclab.probabilistic;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Products with the graph Laplacian of pair weights, A·Y for A = diag(rowsum S) − S with S = G + Gᵀ.
 *
 * <p>Every pair-distance objective is a function F of the squared distances D_ij = ‖z_i − z_j‖² with z = L x.
 * With G_ij = ∂F/∂D_ij, the weighted-pair identity Σ_ij G_ij (x_i−x_j)(x_i−x_j)ᵀ = Xᵀ(D_r + D_c − G − Gᵀ)X
 * (rows of X are samples) gives ∂F/∂L = 2·(A Z)ᵀ X and ∂F/∂M = (A X)ᵀ X, at O(n²p + npd) cost instead of
 * O(n²d²). G comes dense (n×n) or as sparse rows ({@link SparseRows}).
 */
final class GraphLaplacian {
    private static final int TILE = 64;

    private GraphLaplacian() {
    }

    /**
     * A·Y for A = diag(rowsum S) − S with S = G + Gᵀ: g (n×n) is overwritten by S, y is n×c. Zero
     * weights (underflowed probabilities) are skipped: each row gathers its nonzero columns and
     * adds eight rows of Y at a time into the (contiguous, vectorised) output row.
     */
    static double[] times(double[] g, int n, double[] y, int c) {
        symmetrize(g, n);
        return symmetricTimes(g, n, y, c);
    }

    /** g ← g + gᵀ in place, by tiles. */
    private static void symmetrize(double[] g, int n) {
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
    private static double[] symmetricTimes(double[] g, int n, double[] y, int c) {
        double[] out = new double[n * c];
        RowTasks.run(n, RowTasks.ROWS, (r0, r1) -> {
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
    static double[] times(SparseRows g, double[] y, int c) {
        int n = g.n();
        SparseRows gt = g.transpose();
        double[] out = new double[n * c];
        RowTasks.run(n, RowTasks.ROWS, (r0, r1) -> {
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
}
