package org.metriclab.core.constraint;

/** Weak supervision over the rows of a feature matrix, as index arrays (metric-learn's convention). */
public sealed interface Constraints permits Pairs, Triplets, Quadruplets, Chunklets {
    /** Number of constraints. */
    int size();

    /** Throws unless every index is within {@code 0..rows-1}. */
    void requireIndicesBelow(int rows);

    static void check(int[] indices, int rows, String what) {
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= rows) {
                throw new IllegalArgumentException(what + "[" + k + "] = " + indices[k] + " is not a row index of a "
                        + rows + "-row matrix");
            }
        }
    }
}
