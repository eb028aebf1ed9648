package org.metriclab.eval.knn;

import java.io.Serializable;
import java.util.Arrays;
import org.metriclab.core.linalg.Matrix;

/**
 * Validated embeddings as one flat row-major float64 array ({@code rows × dim}).
 *
 * <p>float32 inputs are widened exactly, so distances on float32 data are computed in float64 from the
 * float32 values (as PML's AccuracyCalculator casts to float32 first). Every value must be finite and every
 * squared norm below 1e300 so that squared distances cannot overflow. Serialisable, for shipping to the
 * workers of a distributed evaluation.
 */
public final class EmbeddingRows implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double MAX_SQUARED_NORM = 1e300;

    private final double[] data;
    private final int rows;
    private final int dim;

    private EmbeddingRows(double[] data, int rows, int dim, String what) {
        if (rows < 1) {
            throw new IllegalArgumentException(what + " is empty: expected at least one embedding row");
        }
        if (dim < 1) {
            throw new IllegalArgumentException(what + " has 0 columns: expected at least one embedding dimension");
        }
        for (int i = 0; i < rows; i++) {
            double norm = 0;
            for (int t = 0; t < dim; t++) {
                double v = data[i * dim + t];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(what + " must be finite: row " + i + ", column " + t + " is " + v);
                }
                norm += v * v;
            }
            if (!(norm < MAX_SQUARED_NORM)) {
                throw new IllegalArgumentException(what + ": row " + i + " has squared norm " + norm
                        + ", too large for float64 squared distances (limit 1e300)");
            }
        }
        this.data = data;
        this.rows = rows;
        this.dim = dim;
    }

    /** From a matrix (rows = samples). */
    public static EmbeddingRows of(Matrix m, String what) {
        if (m == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return new EmbeddingRows(m.toArray(), m.rows(), m.cols(), what);
    }

    /** From row-major float64 values; the array is copied. */
    public static EmbeddingRows of(double[] rowMajor, int rows, int dim, String what) {
        checkLength(rowMajor == null ? -1 : rowMajor.length, rows, dim, what);
        return new EmbeddingRows(rowMajor.clone(), rows, dim, what);
    }

    /** From row-major float32 values, widened exactly to float64. */
    public static EmbeddingRows of(float[] rowMajor, int rows, int dim, String what) {
        checkLength(rowMajor == null ? -1 : rowMajor.length, rows, dim, what);
        double[] d = new double[rowMajor.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = rowMajor[i];
        }
        return new EmbeddingRows(d, rows, dim, what);
    }

    /** The given rows, in this order. */
    EmbeddingRows subset(int[] rowsKept) {
        double[] out = new double[rowsKept.length * dim];
        for (int i = 0; i < rowsKept.length; i++) {
            System.arraycopy(data, rowsKept[i] * dim, out, i * dim, dim);
        }
        return new EmbeddingRows(out, rowsKept.length, dim, "rows of these embeddings");
    }

    /** A copy of the rows {@code from .. to − 1}, in this order (at least one). */
    public EmbeddingRows rows(int from, int to) {
        if (from < 0 || to <= from || to > rows) {
            throw new IllegalArgumentException("rows " + from + ".." + (to - 1) + " are not within 0.." + (rows - 1));
        }
        return new EmbeddingRows(Arrays.copyOfRange(data, from * dim, to * dim), to - from, dim, "rows of these embeddings");
    }

    private static void checkLength(int length, int rows, int dim, String what) {
        if (length < 0) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (rows < 0 || dim < 0 || (long) rows * dim != length) {
            throw new IllegalArgumentException(what + ": expected " + rows + "×" + dim + " = " + (long) rows * dim
                    + " row-major values, got " + length);
        }
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    /** The backing array (not copied): read-only by convention, for this module's kernels. */
    double[] data() {
        return data;
    }

    /** A copy of row {@code i}. */
    public double[] row(int i) {
        double[] r = new double[dim];
        System.arraycopy(data, i * dim, r, 0, dim);
        return r;
    }

    /** Rows as separate arrays (for clustering libraries). */
    public double[][] toRows() {
        double[][] r = new double[rows][];
        for (int i = 0; i < rows; i++) {
            r[i] = row(i);
        }
        return r;
    }
}
