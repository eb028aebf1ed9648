package org.metriclab.core.linalg;

/**
 * Pairs of row indices (left[k], right[k]) into a row matrix, and what the pair-based learners build
 * from them: the difference rows x_left − x_right and the pair scatter Σ_k w_k (x_l − x_r)(x_l − x_r)ᵀ.
 *
 * @param left  first row of each pair
 * @param right second row of each pair, as many as {@code left}
 */
public record RowPairs(int[] left, int[] right) {
    public RowPairs {
        if (left.length != right.length) {
            throw new IllegalArgumentException(left.length + " left but " + right.length + " right rows");
        }
        left = left.clone();
        right = right.clone();
    }

    @Override
    public int[] left() {
        return left.clone();
    }

    @Override
    public int[] right() {
        return right.clone();
    }

    public int size() {
        return left.length;
    }

    /** The pairs k with {@code keep[k] == wanted}, in order. */
    public RowPairs select(boolean[] keep, boolean wanted) {
        if (keep.length != left.length) {
            throw new IllegalArgumentException(keep.length + " flags for " + left.length + " pairs");
        }
        int m = 0;
        for (boolean k : keep) {
            m += k == wanted ? 1 : 0;
        }
        int[] l = new int[m];
        int[] r = new int[m];
        int o = 0;
        for (int k = 0; k < keep.length; k++) {
            if (keep[k] == wanted) {
                l[o] = left[k];
                r[o++] = right[k];
            }
        }
        return new RowPairs(l, r);
    }

    /** The m × d rows x[left[k]] − x[right[k]]. */
    public Matrix differences(Matrix x) {
        int d = x.cols();
        double[] data = x.toArray();
        double[] out = new double[left.length * d];
        for (int k = 0; k < left.length; k++) {
            int a = left[k] * d;
            int b = right[k] * d;
            for (int j = 0; j < d; j++) {
                out[k * d + j] = data[a + j] - data[b + j];
            }
        }
        return Matrix.adopt(left.length, d, out);
    }

    /** Σ_k (x_l − x_r)(x_l − x_r)ᵀ, d × d (zero when there is no pair). */
    public Matrix scatter(Matrix x) {
        return left.length == 0 ? Matrix.zeros(x.cols(), x.cols()) : differences(x).gram();
    }

    /**
     * Σ_k w_k (x_l − x_r)(x_l − x_r)ᵀ = Vᵀ diag(w) V with V the difference rows, as the row products of
     * the transposed V and diag(w)V (d × d).
     */
    public Matrix scatter(Matrix x, double[] weights) {
        if (weights.length != left.length) {
            throw new IllegalArgumentException(weights.length + " weights for " + left.length + " pairs");
        }
        int m = left.length;
        int d = x.cols();
        double[] v = differences(x).toArray();
        double[] vt = new double[d * m];
        double[] wvt = new double[d * m];
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < d; j++) {
                vt[j * m + k] = v[k * d + j];
                wvt[j * m + k] = weights[k] * v[k * d + j];
            }
        }
        double[] out = new double[d * d];
        RowProducts.dots(vt, 0, d, wvt, d, m, out, RowProducts.Part.ALL);
        return Matrix.adopt(d, d, out);
    }
}
