package org.metriclab.core.linalg;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * An immutable dense matrix of doubles stored row-major.
 *
 * <p>Every factory copies its input and every accessor that returns an array returns a copy, so a
 * {@code Matrix} can be shared freely between threads and models. Heavy decompositions live in
 * {@link Eigen}, {@link Cholesky}, {@link Svd}, {@link Psd} and {@link Inverse}.
 */
public final class Matrix {
    private static final int PARALLEL_FLOPS = 1 << 18;

    private final int rows;
    private final int cols;
    private final double[] data;

    private Matrix(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A matrix from rows of equal length; the array is copied. */
    public static Matrix of(double[][] rows) {
        if (rows.length == 0) {
            return new Matrix(0, 0, new double[0]);
        }
        int c = rows[0].length;
        double[] d = new double[rows.length * c];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("ragged rows: row 0 has " + c + " values, row " + i + " has " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, d, i * c, c);
        }
        return new Matrix(rows.length, c, d);
    }

    /** A {@code rows × cols} matrix from row-major values; the array is copied. */
    public static Matrix of(int rows, int cols, double[] rowMajor) {
        if (rows < 0 || cols < 0 || (long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("expected " + rows + "×" + cols + " = " + (long) rows * cols
                    + " values, got " + rowMajor.length);
        }
        return new Matrix(rows, cols, rowMajor.clone());
    }

    /** Wraps a freshly computed array without copying: for this package's kernels only. */
    static Matrix adopt(int rows, int cols, double[] rowMajor) {
        return new Matrix(rows, cols, rowMajor);
    }

    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols, new double[rows * cols]);
    }

    public static Matrix identity(int n) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1.0;
        }
        return new Matrix(n, n, d);
    }

    public static Matrix diagonal(double... values) {
        int n = values.length;
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = values[i];
        }
        return new Matrix(n, n, d);
    }

    /** A single-row matrix. */
    public static Matrix row(double... values) {
        return new Matrix(1, values.length, values.clone());
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double get(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") outside " + shape());
        }
        return data[i * cols + j];
    }

    /** "r×c", for error messages. */
    public String shape() {
        return rows + "×" + cols;
    }

    /** A copy of row {@code i}. */
    public double[] row(int i) {
        return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }

    /** Copies row {@code i} into {@code target} (length ≥ cols) without allocating. */
    public void copyRow(int i, double[] target) {
        System.arraycopy(data, i * cols, target, 0, cols);
    }

    /** Copies row {@code i} into {@code target[offset .. offset + cols)} without allocating. */
    public void copyRow(int i, double[] target, int offset) {
        System.arraycopy(data, i * cols, target, offset, cols);
    }

    /** A copy of column {@code j}. */
    public double[] column(int j) {
        double[] c = new double[rows];
        for (int i = 0; i < rows; i++) {
            c[i] = data[i * cols + j];
        }
        return c;
    }

    /** A copy of the row-major values. */
    public double[] toArray() {
        return data.clone();
    }

    public double[][] toRows() {
        double[][] r = new double[rows][];
        for (int i = 0; i < rows; i++) {
            r[i] = row(i);
        }
        return r;
    }

    /** The rows at the given indices, in that order (repeats allowed). */
    public Matrix rows(int[] indices) {
        double[] d = new double[indices.length * cols];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= rows) {
                throw new IndexOutOfBoundsException("row " + i + " outside " + shape());
            }
            System.arraycopy(data, i * cols, d, k * cols, cols);
        }
        return new Matrix(indices.length, cols, d);
    }

    /** The columns at the given indices, in that order. */
    public Matrix columns(int[] indices) {
        double[] d = new double[rows * indices.length];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < indices.length; k++) {
                d[i * indices.length + k] = data[i * cols + indices[k]];
            }
        }
        return new Matrix(rows, indices.length, d);
    }

    /** The first {@code n} rows. */
    public Matrix topRows(int n) {
        if (n < 0 || n > rows) {
            throw new IllegalArgumentException("cannot take " + n + " rows of " + shape());
        }
        return new Matrix(n, cols, Arrays.copyOf(data, n * cols));
    }

    public Matrix transpose() {
        double[] t = new double[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = data[i * cols + j];
            }
        }
        return new Matrix(cols, rows, t);
    }

    /** This × other, blocked i-k-j loop, parallel over row blocks for large products. */
    public Matrix times(Matrix other) {
        if (cols != other.rows) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by " + other.shape());
        }
        int n = other.cols;
        double[] out = new double[rows * n];
        double[] b = other.data;
        IntStream range = IntStream.range(0, rows);
        if ((long) rows * cols * n >= PARALLEL_FLOPS) {
            range = range.parallel();
        }
        range.forEach(i -> {
            int oi = i * n;
            for (int k = 0; k < cols; k++) {
                double a = data[i * cols + k];
                if (a == 0.0) {
                    continue;
                }
                int bk = k * n;
                for (int j = 0; j < n; j++) {
                    out[oi + j] += a * b[bk + j];
                }
            }
        });
        return new Matrix(rows, n, out);
    }

    /** This × v. */
    public double[] times(double[] v) {
        if (v.length != cols) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by a vector of length " + v.length);
        }
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            int o = i * cols;
            for (int j = 0; j < cols; j++) {
                s += data[o + j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }

    /** thisᵀ × this (the Gram matrix of the columns), symmetric by construction. */
    public Matrix gram() {
        double[] g = new double[cols * cols];
        IntStream range = IntStream.range(0, cols);
        if ((long) rows * cols * cols >= PARALLEL_FLOPS) {
            range = range.parallel();
        }
        range.forEach(a -> {
            for (int i = 0; i < rows; i++) {
                double xa = data[i * cols + a];
                if (xa == 0.0) {
                    continue;
                }
                int o = i * cols;
                for (int b = a; b < cols; b++) {
                    g[a * cols + b] += xa * data[o + b];
                }
            }
        });
        for (int a = 0; a < cols; a++) {
            for (int b = 0; b < a; b++) {
                g[a * cols + b] = g[b * cols + a];
            }
        }
        return new Matrix(cols, cols, g);
    }

    public Matrix plus(Matrix o) {
        requireSameShape(o, "add");
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i] + o.data[i];
        }
        return new Matrix(rows, cols, d);
    }

    public Matrix minus(Matrix o) {
        requireSameShape(o, "subtract");
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i] - o.data[i];
        }
        return new Matrix(rows, cols, d);
    }

    public Matrix scale(double s) {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i] * s;
        }
        return new Matrix(rows, cols, d);
    }

    /** This plus {@code s} times the identity (square matrices only). */
    public Matrix plusIdentity(double s) {
        requireSquare("add a multiple of the identity to");
        double[] d = data.clone();
        for (int i = 0; i < rows; i++) {
            d[i * cols + i] += s;
        }
        return new Matrix(rows, cols, d);
    }

    /** (this + thisᵀ)/2. */
    public Matrix symmetrize() {
        requireSquare("symmetrize");
        double[] d = new double[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                d[i * cols + j] = 0.5 * (data[i * cols + j] + data[j * cols + i]);
            }
        }
        return new Matrix(rows, cols, d);
    }

    public double trace() {
        requireSquare("take the trace of");
        double t = 0;
        for (int i = 0; i < rows; i++) {
            t += data[i * cols + i];
        }
        return t;
    }

    public double[] diagonal() {
        requireSquare("take the diagonal of");
        double[] d = new double[rows];
        for (int i = 0; i < rows; i++) {
            d[i] = data[i * cols + i];
        }
        return d;
    }

    public double frobeniusNorm() {
        double s = 0;
        for (double v : data) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** Largest absolute entry-wise difference; shapes must agree. */
    public double maxAbsDifference(Matrix o) {
        requireSameShape(o, "compare");
        double m = 0;
        for (int i = 0; i < data.length; i++) {
            m = Math.max(m, Math.abs(data[i] - o.data[i]));
        }
        return m;
    }

    /** True when every entry is finite. */
    public boolean isFinite() {
        for (double v : data) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The first non-finite entry as "(i, j) = NaN", or null when all entries are finite. */
    public String firstNonFinite() {
        for (int k = 0; k < data.length; k++) {
            if (!Double.isFinite(data[k])) {
                return "(" + k / cols + ", " + k % cols + ") = " + data[k];
            }
        }
        return null;
    }

    public boolean isSquare() {
        return rows == cols;
    }

    public boolean isSymmetric(double tolerance) {
        if (!isSquare()) {
            return false;
        }
        for (int i = 0; i < rows; i++) {
            for (int j = i + 1; j < cols; j++) {
                if (Math.abs(data[i * cols + j] - data[j * cols + i]) > tolerance) {
                    return false;
                }
            }
        }
        return true;
    }

    private void requireSameShape(Matrix o, String what) {
        if (rows != o.rows || cols != o.cols) {
            throw new IllegalArgumentException("cannot " + what + " " + shape() + " and " + o.shape());
        }
    }

    void requireSquare(String what) {
        if (rows != cols) {
            throw new IllegalArgumentException("cannot " + what + " a non-square " + shape() + " matrix");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && rows == m.rows && cols == m.cols && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        if (data.length > 36) {
            return "Matrix[" + shape() + "]";
        }
        StringBuilder sb = new StringBuilder("Matrix[" + shape() + "]{");
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "" : ", ").append(Arrays.toString(row(i)));
        }
        return sb.append('}').toString();
    }
}
