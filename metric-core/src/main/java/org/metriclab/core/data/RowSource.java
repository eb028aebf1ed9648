package org.metriclab.core.data;

import org.metriclab.core.linalg.Matrix;

/**
 * Random access to the feature rows of a data set without requiring them all on the heap: a
 * {@link Matrix} in memory or a memory-mapped file read one row at a time. Stochastic learners
 * gather the rows of one batch through {@link #copyRow}, so their own memory stays
 * O(batch · dim) whatever the number of rows.
 *
 * <p>Implementations are safe for concurrent reads.
 */
public interface RowSource {
    int rows();

    int dim();

    /** Copies row {@code i} into {@code target[offset .. offset + dim())}. */
    void copyRow(int i, double[] target, int offset);

    /** The given rows, row-major ({@code indices.length × dim()}). */
    default double[] gather(int[] indices) {
        int d = dim();
        double[] out = new double[indices.length * d];
        for (int k = 0; k < indices.length; k++) {
            copyRow(indices[k], out, k * d);
        }
        return out;
    }

    /** The rows of an in-memory matrix. */
    static RowSource of(Matrix x) {
        return new MatrixRows(x);
    }
}

/** {@link RowSource} over an immutable matrix. */
record MatrixRows(Matrix x) implements RowSource {
    @Override
    public int rows() {
        return x.rows();
    }

    @Override
    public int dim() {
        return x.cols();
    }

    @Override
    public void copyRow(int i, double[] target, int offset) {
        x.copyRow(i, target, offset);
    }
}
