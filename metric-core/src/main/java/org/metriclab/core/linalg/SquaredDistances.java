package org.metriclab.core.linalg;

import java.util.stream.IntStream;

/**
 * Pairwise squared Euclidean distances ‖x_i‖² + ‖x_j‖² − 2 x_i·x_j (clamped at 0) between the rows of a matrix,
 * in the two layouts of this package's product kernels: a flat row-major matrix ({@link #pairwise}, over
 * {@link RowProducts}) and rows held as separate arrays ({@link #ofRows}, over {@link RowCombinations}).
 */
public final class SquaredDistances {
    private static final int TILE = 64;

    private SquaredDistances() {
    }

    /**
     * Squared Euclidean distances between the rows of z (n×p) into {@code out} (n×n), as
     * max(0, ‖z_i‖² + ‖z_j‖² − 2 z_i·z_j) over the upper triangle, each block also stored transposed;
     * the diagonal is +∞ so
     * that a point is never its own neighbour. The inner products come from {@link RowProducts}' register-
     * tiled kernel (4×4 pairs per pass over k, sixteen fused multiply-add accumulators), the row-tile tasks are paired
     * long with short for balance. The cancellation error is about 1e-16·(‖z_i‖² + ‖z_j‖²), far below
     * the unit scale on which distance-softmax objectives resolve distances.
     */
    public static void pairwise(double[] z, int n, int p, double[] out) {
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = Vectors.dot(z, i * p, z, i * p, p);
        }
        int tiles = (n + TILE - 1) / TILE;
        IntStream.range(0, (tiles + 1) / 2).parallel().forEach(t -> {
            upperGram(z, norms, n, p, out, t * TILE, Math.min(n, t * TILE + TILE));
            int u = tiles - 1 - t;
            if (u != t) {
                upperGram(z, norms, n, p, out, u * TILE, Math.min(n, u * TILE + TILE));
            }
        });
    }

    /**
     * Rows i0..i1−1 of the distance matrix at columns j ≥ i and, transposed, the same entries of
     * columns i0..i1−1 below the diagonal; diagonal +∞. The inner products come from
     * {@link RowProducts} (upper part; i0 is a multiple of {@link #TILE}); each row is then turned into
     * distances and mirrored in 8-row strips. Tasks own disjoint row ranges, and the transposed writes
     * of a range land only in its own columns, so tasks never write the same entry.
     */
    private static void upperGram(double[] z, double[] norms, int n, int p, double[] out, int i0, int i1) {
        RowProducts.dots(z, i0, i1, z, n, p, out, RowProducts.Part.UPPER);
        for (int r0 = i0; r0 < i1; r0 += 8) {
            int r1 = Math.min(i1, r0 + 8);
            for (int r = r0; r < r1; r++) {
                int o = r * n;
                double nr = norms[r];
                out[o + r] = Double.POSITIVE_INFINITY;
                for (int c = r + 1; c < n; c++) {
                    out[o + c] = distance(nr, norms[c], out[o + c]);
                }
            }
            for (int c = r0 + 1; c < n; c++) {
                int oc = c * n;
                for (int r = r0; r < Math.min(r1, c); r++) {
                    out[oc + r] = out[r * n + c];
                }
            }
        }
    }

    /**
     * Squared Euclidean distances between the n rows of x (each of length d), as a symmetric n × n array of rows:
     * ‖x_i‖² + ‖x_j‖² − 2 x_i·x_j from the upper triangle of XXᵀ, clamped at 0; the diagonal is 0.
     */
    public static double[][] ofRows(double[][] x) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        double[][] xt = new double[d][n];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                xt[t][i] = x[i][t];
            }
        }
        double[][] out = new double[n][n];
        ofRows(x, xt, n, d, out);
        return out;
    }

    /**
     * As {@link #ofRows(double[][])}, for the first n rows of x with their transpose xt (d rows of at least n
     * values), into the first n × n entries of out (callers reuse work arrays sized for their largest n). XXᵀ
     * comes from {@link RowCombinations} over blocks of four rows from the diagonal on; the few entries below the
     * diagonal it also fills are overwritten by the mirror. Single-threaded: callers parallelise over matrices.
     */
    public static void ofRows(double[][] x, double[][] xt, int n, int d, double[][] out) {
        for (int i0 = 0; i0 < n; i0 += 4) {
            RowCombinations.combine(x, xt, out, i0, Math.min(n, i0 + 4), 0, d, i0, n);
        }
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = out[i][i];
        }
        for (int i = 0; i < n; i++) {
            double[] oi = out[i];
            double ni = norms[i];
            oi[i] = 0;
            for (int j = i + 1; j < n; j++) {
                oi[j] = distance(ni, norms[j], oi[j]);
            }
        }
        for (int i = 0; i < n; i++) {
            double[] oi = out[i];
            for (int j = i + 1; j < n; j++) {
                out[j][i] = oi[j];
            }
        }
    }

    private static double distance(double normA, double normB, double inner) {
        return Math.max(0.0, normA + normB - 2 * inner);
    }
}
