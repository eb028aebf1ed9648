package org.metriclab.core.constraint;

import java.util.Arrays;

/** Pairs (left[k], right[k]) marked similar (true) or dissimilar (false). */
public record Pairs(int[] left, int[] right, boolean[] similar) implements Constraints {
    public Pairs {
        if (left.length != right.length || left.length != similar.length) {
            throw new IllegalArgumentException("pair arrays differ in length: " + left.length + ", " + right.length + ", " + similar.length);
        }
        left = left.clone();
        right = right.clone();
        similar = similar.clone();
    }

    @Override
    public int[] left() {
        return left.clone();
    }

    @Override
    public int[] right() {
        return right.clone();
    }

    @Override
    public boolean[] similar() {
        return similar.clone();
    }

    public int left(int k) {
        return left[k];
    }

    public int right(int k) {
        return right[k];
    }

    public boolean isSimilar(int k) {
        return similar[k];
    }

    public int similarCount() {
        int c = 0;
        for (boolean s : similar) {
            c += s ? 1 : 0;
        }
        return c;
    }

    @Override
    public int size() {
        return left.length;
    }

    @Override
    public void requireIndicesBelow(int rows) {
        Constraints.check(left, rows, "left");
        Constraints.check(right, rows, "right");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pairs p && Arrays.equals(left, p.left) && Arrays.equals(right, p.right) && Arrays.equals(similar, p.similar);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(left) + Arrays.hashCode(right)) + Arrays.hashCode(similar);
    }

    @Override
    public String toString() {
        return "Pairs[" + size() + ", similar=" + similarCount() + "]";
    }
}
