package org.metriclab.eval.knn;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
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
 *
 * <p>It also holds the Gram kernel ({@link #dots2}, {@link #toDistances}): fl(‖q‖² + ‖r‖² − 2q·r) with the
 * per-entry error bound {@link #bound} (see {@link #relativeBound}), about 1.4× cheaper per pair than the exact
 * kernel; its values are only approximations, which {@link RankScanner} resolves exactly via {@link #exact}.
 *
 * <p>Serialisable, so that distributed engines ship one instance to every worker: the row-major values and norms
 * travel, the tiles are rebuilt on arrival.
 */
public final class ReferenceTiles implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * References per tile: a tile's running sums (4 KiB per query) stay in L1, a whole tile (WIDTH·d·8 bytes, 256 KiB
     * at d = 64) in L2. Longer rows amortise the per-sweep loop overhead: at n = 50,000, d = 64 the Gram kernel runs
     * about 3–10% faster per core than with 256 (interleaved, thread CPU time); 128 is slower.
     */
    public static final int WIDTH = 512;

    /** Derived from rowMajor; rebuilt after deserialisation rather than shipped twice. */
    private transient double[][] columns;
    private final double[] rowMajor;
    private final double[] norms;
    private final double maxNorm;
    private final int rows;
    private final int dim;
    private final double relativeBound;

    public ReferenceTiles(EmbeddingRows references) {
        this.rows = references.rows();
        this.dim = references.dim();
        double[] src = references.data();
        this.rowMajor = src;
        this.norms = new double[rows];
        double max = 0.0;
        for (int j = 0; j < rows; j++) {
            norms[j] = squaredNorm(src, j * dim, dim);
            max = Math.max(max, norms[j]);
        }
        this.maxNorm = max;
        this.relativeBound = relativeBound(dim);
        this.columns = tiled();
    }

    /** The tiles: for tile k and dimension t, {@code columns[k·dim + t][j] = rowMajor[(start(k) + j)·dim + t]}. */
    private double[][] tiled() {
        double[][] out = new double[tiles() * dim][];
        for (int k = 0; k < tiles(); k++) {
            int start = start(k);
            int width = width(k);
            for (int t = 0; t < dim; t++) {
                double[] col = new double[width];
                for (int j = 0; j < width; j++) {
                    col[j] = rowMajor[(start + j) * dim + t];
                }
                out[k * dim + t] = col;
            }
        }
        return out;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        columns = tiled();
    }

    /**
     * γ of the Gram-kernel error bound: for every pair, |gram − exact| ≤ γ·(‖q‖² + ‖r‖²) + {@link #ABSOLUTE_BOUND},
     * where gram = fl(fl(‖q‖² + ‖r‖²) − 2·fl(q·r)) and exact = fl(Σ_t (q_t − r_t)²) (dimension order), norms as
     * computed by {@link #squaredNorm}. With u = 2⁻⁵³ and γ_n = nu/(1−nu) (Higham, Accuracy and Stability, §3.1),
     * any summation order of d terms: |fl(‖x‖²) − ‖x‖²| ≤ γ_d‖x‖², |fl(q·r) − q·r| ≤ γ_d Σ|q_t r_t| ≤
     * γ_d(‖q‖² + ‖r‖²)/2; the final add and subtract add ≤ 3u(‖q‖² + ‖r‖²)(1 + γ_d) (every operand is at most
     * (1 + γ_d)(‖q‖² + ‖r‖²) in magnitude); the exact reference itself is within γ_{d+3}·2(‖q‖² + ‖r‖²) of the real
     * value (‖q − r‖² ≤ 2‖q‖² + 2‖r‖²). Total ≤ (2γ_d + 2γ_{d+3} + 4u)(‖q‖² + ‖r‖²) ≤ (4d + 16)u(…) for d·u < 10⁻⁶;
     * this method returns twice that, which also covers the rounding of the bound itself, of a ± bound and the
     * use of computed rather than real norms.
     */
    static double relativeBound(int dim) {
        return 2.0 * (4.0 * dim + 16.0) * 0x1p-53;
    }

    /** Absolute slack for gradual underflow (each of the ≤ 3d + 3 operations loses at most 2⁻¹⁰⁷⁵). */
    static final double ABSOLUTE_BOUND = 0x1p-1000;

    /** fl(Σ_t x_t²) over {@code x[off .. off + dim)} in dimension order. */
    static double squaredNorm(double[] x, int off, int dim) {
        double s = 0;
        for (int t = 0; t < dim; t++) {
            s += x[off + t] * x[off + t];
        }
        return s;
    }

    /** The exact squared distance Σ_t (q_t − r_j,t)² of query row {@code q} to reference {@code j}, summed as the kernel does. */
    public double distance(EmbeddingRows queries, int q, int j) {
        return exact(queries.data(), q * dim, j);
    }

    /** Squared norm of reference {@code j} (as used by the Gram kernel). */
    double norm(int j) {
        return norms[j];
    }

    /** The Gram-kernel error bound for a query of squared norm {@code queryNorm} and reference {@code j}. */
    double bound(double queryNorm, int j) {
        return relativeBound * (queryNorm + norms[j]) + ABSOLUTE_BOUND;
    }

    /** A bound valid for every reference at once: {@link #bound} with the largest reference norm. */
    double uniformBound(double queryNorm) {
        return relativeBound * (queryNorm + maxNorm) + ABSOLUTE_BOUND;
    }

    /**
     * The exact squared distance fl(Σ_t (q_t − r_t)²), summed in dimension order: bit-identical to
     * {@link #distances} and to a scalar brute force.
     */
    double exact(double[] q, int qa, int j) {
        int ra = j * dim;
        double s = 0;
        for (int t = 0; t < dim; t++) {
            double d = q[qa + t] - rowMajor[ra + t];
            s += d * d;
        }
        return s;
    }

    /** The tiles of the given references (their rows in this order). */
    ReferenceTiles subset(int[] rowsKept) {
        double[] data = new double[rowsKept.length * dim];
        for (int i = 0; i < rowsKept.length; i++) {
            System.arraycopy(rowMajor, rowsKept[i] * dim, data, i * dim, dim);
        }
        return new ReferenceTiles(EmbeddingRows.of(data, rowsKept.length, dim, "references"));
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

    /**
     * As {@link #distances} for two queries at once (at {@code q[qa0 ..]} into acc0, at {@code q[qa1 ..]} into
     * acc1): each loaded reference value serves both, and each query's sums are added in the same order as
     * {@link #distances}, so the values are bit for bit the same.
     */
    void distances2(double[] q, int qa0, int qa1, int tile, double[] acc0, double[] acc1) {
        int width = width(tile);
        int base = tile * dim;
        Arrays.fill(acc0, 0, width, 0.0);
        Arrays.fill(acc1, 0, width, 0.0);
        int t = 0;
        for (; t + 4 <= dim; t += 4) {
            sweep24Exact(q[qa0 + t], q[qa0 + t + 1], q[qa0 + t + 2], q[qa0 + t + 3], q[qa1 + t], q[qa1 + t + 1],
                    q[qa1 + t + 2], q[qa1 + t + 3], columns[base + t], columns[base + t + 1], columns[base + t + 2],
                    columns[base + t + 3], acc0, acc1, width);
        }
        for (; t < dim; t++) {
            sweep1(q[qa0 + t], columns[base + t], acc0, width);
            sweep1(q[qa1 + t], columns[base + t], acc1, width);
        }
    }

    /** {@link #sweep4} for two queries over the same four columns. */
    private static void sweep24Exact(double a0, double a1, double a2, double a3, double b0, double b1, double b2,
                                     double b3, double[] x0, double[] x1, double[] x2, double[] x3, double[] acc0,
                                     double[] acc1, int width) {
        for (int j = 0; j < width; j++) {
            double v0 = x0[j];
            double v1 = x1[j];
            double v2 = x2[j];
            double v3 = x3[j];
            double d0 = a0 - v0;
            double d1 = a1 - v1;
            double d2 = a2 - v2;
            double d3 = a3 - v3;
            double e0 = b0 - v0;
            double e1 = b1 - v1;
            double e2 = b2 - v2;
            double e3 = b3 - v3;
            acc0[j] = acc0[j] + d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
            acc1[j] = acc1[j] + e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3;
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

    /**
     * Gram kernel: for the two queries at {@code q[qa0 ..]} and {@code q[qa1 ..]}, writes fl(q · r_j) for every
     * reference j of {@code tile} into {@code c0[j − start(tile)]} and {@code c1[…]}. A 2 × 4 register block (2
     * queries × 4 dimensions per sweep: 8 broadcast scalars, 4 column loads and 2 accumulator loads/stores per 16
     * flops) over the tile's zero-offset column arrays, which HotSpot C2 vectorises across references. (Measured
     * single-threaded: 2 × 4 ≈ 23–26 GFLOP/s; 4 × 2 ≈ 15 (with or without {@code Math.fma}), 2 × 4 with
     * {@code Math.fma} ≈ 11, 1 × 4 ≈ 11, 4 × 4 ≈ 5 — the 4 × 4 block runs out of
     * vector registers.)
     */
    void dots2(double[] q, int qa0, int qa1, int tile, double[] c0, double[] c1) {
        int width = width(tile);
        int base = tile * dim;
        Arrays.fill(c0, 0, width, 0.0);
        Arrays.fill(c1, 0, width, 0.0);
        int t = 0;
        for (; t + 4 <= dim; t += 4) {
            sweep24(q[qa0 + t], q[qa0 + t + 1], q[qa0 + t + 2], q[qa0 + t + 3], q[qa1 + t], q[qa1 + t + 1],
                    q[qa1 + t + 2], q[qa1 + t + 3], columns[base + t], columns[base + t + 1], columns[base + t + 2],
                    columns[base + t + 3], c0, c1, width);
        }
        for (; t < dim; t++) {
            sweep21(q[qa0 + t], q[qa1 + t], columns[base + t], c0, c1, width);
        }
    }

    private static void sweep24(double a00, double a01, double a02, double a03, double a10, double a11, double a12,
                                double a13, double[] x0, double[] x1, double[] x2, double[] x3, double[] c0,
                                double[] c1, int width) {
        for (int j = 0; j < width; j++) {
            double v0 = x0[j];
            double v1 = x1[j];
            double v2 = x2[j];
            double v3 = x3[j];
            c0[j] = c0[j] + a00 * v0 + a01 * v1 + a02 * v2 + a03 * v3;
            c1[j] = c1[j] + a10 * v0 + a11 * v1 + a12 * v2 + a13 * v3;
        }
    }

    private static void sweep21(double a0, double a1, double[] x, double[] c0, double[] c1, int width) {
        for (int j = 0; j < width; j++) {
            double v = x[j];
            c0[j] += a0 * v;
            c1[j] += a1 * v;
        }
    }

    /** out[o + j] = fl(fl(queryNorm + ‖r‖²) − 2·dot[j]) for the references j of {@code tile}. */
    void toDistances(double queryNorm, int tile, double[] dot, double[] out, int o) {
        int width = width(tile);
        int s = start(tile);
        for (int j = 0; j < width; j++) {
            out[o + j] = (queryNorm + norms[s + j]) - 2.0 * dot[j];
        }
    }
}
