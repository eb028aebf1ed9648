package org.metriclab.eval.knn;

import java.util.Arrays;

/**
 * The reference set cut into tiles of {@value #WIDTH} rows, each tile stored as one array per dimension
 * (column-major within the tile), for the exact squared-Euclidean distance kernel.
 *
 * <p>The kernel computes {@code Σ_t (q_t − r_t)²} in float64, summing over the dimensions in index order —
 * exactly the brute-force definition, so its values are bit-identical to a scalar reference implementation and
 * no cancellation (as in ‖q‖² + ‖r‖² − 2q·r) can reorder near ties. The loop over the references of a tile is
 * innermost and runs over zero-offset arrays, which HotSpot C2 vectorises (SIMD across references, never across
 * the summation, so the per-pair summation order is unchanged); four dimensions are folded per sweep to keep the
 * running sums in registers.
 */
public final class ReferenceTiles {
    /** References per tile: a tile's running sums (2 KiB) stay in L1, a whole tile (WIDTH·d·8 bytes) in L2. */
    public static final int WIDTH = 256;

    private final double[][] columns;
    private final int rows;
    private final int dim;

    public ReferenceTiles(Embeddings references) {
        this.rows = references.rows();
        this.dim = references.dim();
        double[] src = references.data();
        this.columns = new double[tiles() * dim][];
        for (int k = 0; k < tiles(); k++) {
            int start = start(k);
            int width = width(k);
            for (int t = 0; t < dim; t++) {
                double[] col = new double[width];
                for (int j = 0; j < width; j++) {
                    col[j] = src[(start + j) * dim + t];
                }
                columns[k * dim + t] = col;
            }
        }
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    public int tiles() {
        return (rows + WIDTH - 1) / WIDTH;
    }

    public int start(int tile) {
        return tile * WIDTH;
    }

    public int width(int tile) {
        return Math.min(WIDTH, rows - tile * WIDTH);
    }

    /**
     * Writes into {@code acc[0 .. width(tile))} the squared distances from the query stored at
     * {@code q[qa .. qa + dim)} to every reference of {@code tile}.
     */
    void distances(double[] q, int qa, int tile, double[] acc) {
        int width = width(tile);
        int base = tile * dim;
        Arrays.fill(acc, 0, width, 0.0);
        int t = 0;
        for (; t + 4 <= dim; t += 4) {
            sweep4(q[qa + t], q[qa + t + 1], q[qa + t + 2], q[qa + t + 3], columns[base + t], columns[base + t + 1],
                    columns[base + t + 2], columns[base + t + 3], acc, width);
        }
        for (; t < dim; t++) {
            sweep1(q[qa + t], columns[base + t], acc, width);
        }
    }

    /** acc[j] = (((acc[j] + d0²) + d1²) + d2²) + d3²: the scalar summation order, four dimensions per pass. */
    private static void sweep4(double a0, double a1, double a2, double a3, double[] x0, double[] x1, double[] x2,
                               double[] x3, double[] acc, int width) {
        for (int j = 0; j < width; j++) {
            double d0 = a0 - x0[j];
            double d1 = a1 - x1[j];
            double d2 = a2 - x2[j];
            double d3 = a3 - x3[j];
            acc[j] = acc[j] + d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
        }
    }

    private static void sweep1(double a, double[] x, double[] acc, int width) {
        for (int j = 0; j < width; j++) {
            double d = a - x[j];
            acc[j] += d * d;
        }
    }
}
