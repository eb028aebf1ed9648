package org.metriclab.core.constraint;

import java.util.Arrays;

/** Groups of points known to share a class (RCA): chunkOf[i] is row i's chunklet, or -1 for none. */
public record Chunklets(int[] chunkOf) implements Constraints {
    public Chunklets {
        chunkOf = chunkOf.clone();
        for (int i = 0; i < chunkOf.length; i++) {
            if (chunkOf[i] < -1) {
                throw new IllegalArgumentException("chunkOf[" + i + "] = " + chunkOf[i] + "; expected -1 or a chunklet id >= 0");
            }
        }
    }

    @Override
    public int[] chunkOf() {
        return chunkOf.clone();
    }

    public int chunkOf(int row) {
        return chunkOf[row];
    }

    /** Number of chunklets (distinct ids ≥ 0). */
    @Override
    public int size() {
        return (int) Arrays.stream(chunkOf).filter(c -> c >= 0).distinct().count();
    }

    @Override
    public void requireIndicesBelow(int rows) {
        if (chunkOf.length != rows) {
            throw new IllegalArgumentException("chunklets cover " + chunkOf.length + " rows, the matrix has " + rows);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chunklets c && Arrays.equals(chunkOf, c.chunkOf);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chunkOf);
    }

    @Override
    public String toString() {
        return "Chunklets[" + size() + "]";
    }
}
