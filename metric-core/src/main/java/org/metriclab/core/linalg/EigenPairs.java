package org.metriclab.core.linalg;

import java.util.Arrays;

/**
 * Eigenvalues sorted in descending order with their eigenvectors as the columns of {@code vectors}
 * (column j belongs to value j).
 */
public record EigenPairs(double[] values, Matrix vectors) {
    public EigenPairs {
        values = values.clone();
        if (vectors.cols() != values.length) {
            throw new IllegalArgumentException(values.length + " eigenvalues but " + vectors.cols() + " eigenvectors");
        }
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public double value(int j) {
        return values[j];
    }

    public int size() {
        return values.length;
    }

    /** The {@code k} pairs with the largest eigenvalues. */
    public EigenPairs top(int k) {
        return select(0, k);
    }

    /** The {@code k} pairs with the smallest eigenvalues, smallest first. */
    public EigenPairs bottom(int k) {
        EigenPairs last = select(values.length - k, k);
        int[] rev = new int[k];
        double[] v = new double[k];
        for (int j = 0; j < k; j++) {
            rev[j] = k - 1 - j;
            v[j] = last.values[k - 1 - j];
        }
        return new EigenPairs(v, last.vectors.columns(rev));
    }

    private EigenPairs select(int from, int k) {
        if (k < 0 || from < 0 || from + k > values.length) {
            throw new IllegalArgumentException("cannot take " + k + " of " + values.length + " eigenpairs");
        }
        int[] cols = new int[k];
        for (int j = 0; j < k; j++) {
            cols[j] = from + j;
        }
        return new EigenPairs(Arrays.copyOfRange(values, from, from + k), vectors.columns(cols));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EigenPairs p && Arrays.equals(values, p.values) && vectors.equals(p.vectors);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + vectors.hashCode();
    }

    @Override
    public String toString() {
        return "EigenPairs" + Arrays.toString(values);
    }
}
