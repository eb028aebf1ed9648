package org.metriclab.core.linalg;

import java.util.stream.IntStream;

/** Blocks of pairwise squared Euclidean distances between the rows of a flat row-major matrix. */
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

    private static double distance(double normA, double normB, double inner) {
        return Math.max(0.0, normA + normB - 2 * inner);
    }
}
