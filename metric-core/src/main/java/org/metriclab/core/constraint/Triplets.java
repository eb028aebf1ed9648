package org.metriclab.core.constraint;

import java.util.Arrays;

/** Relative comparisons: anchor[k] should be closer to positive[k] than to negative[k]. */
public record Triplets(int[] anchor, int[] positive, int[] negative) implements Constraints {
    public Triplets {
        if (anchor.length != positive.length || anchor.length != negative.length) {
            throw new IllegalArgumentException("triplet arrays differ in length: " + anchor.length + ", " + positive.length + ", " + negative.length);
        }
        anchor = anchor.clone();
        positive = positive.clone();
        negative = negative.clone();
    }

    @Override
    public int[] anchor() {
        return anchor.clone();
    }

    @Override
    public int[] positive() {
        return positive.clone();
    }

    @Override
    public int[] negative() {
        return negative.clone();
    }

    public int anchor(int k) {
        return anchor[k];
    }

    public int positive(int k) {
        return positive[k];
    }

    public int negative(int k) {
        return negative[k];
    }

    @Override
    public int size() {
        return anchor.length;
    }

    @Override
    public void requireIndicesBelow(int rows) {
        Constraints.check(anchor, rows, "anchor");
        Constraints.check(positive, rows, "positive");
        Constraints.check(negative, rows, "negative");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Triplets t && Arrays.equals(anchor, t.anchor) && Arrays.equals(positive, t.positive) && Arrays.equals(negative, t.negative);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(anchor) + Arrays.hashCode(positive)) + Arrays.hashCode(negative);
    }

    @Override
    public String toString() {
        return "Triplets[" + size() + "]";
    }
}
