package org.metriclab.core.stochastic;

import java.util.Arrays;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Exact k-nearest rows of a row-major block under squared Euclidean distance, optionally split by
 * label. The learner modules call it through this interface; metric-eval implements it with its
 * tiled retrieval engine and registers it in {@code META-INF/services/org.metriclab.core.stochastic.NeighbourSearch},
 * so learners need no dependency on the evaluation module.
 *
 * <p>Contract: for every row q of z, self excluded, the rows j ordered by (distance, j) ascending —
 * equal distances keep the lower row first — truncated to k.
 */
public interface NeighbourSearch {
    /**
     * Per row q of {@code z} (n×p, row-major): {@code same[q]}, its k nearest rows with
     * {@code labels[j] == labels[q]} (any row when labels is null), and {@code other[q]}, its k nearest
     * rows with another label (empty when labels is null); fewer when fewer such rows exist.
     */
    Neighbours nearest(double[] z, int n, int p, int[] labels, int k);

    /** The first implementation on the class path, if any. */
    static Optional<NeighbourSearch> installed() {
        return ServiceLoader.load(NeighbourSearch.class).findFirst();
    }

    /** Per row, nearest first: rows of its own label and rows of other labels. */
    record Neighbours(int[][] same, int[][] other) {
        public Neighbours {
            if (same.length != other.length) {
                throw new IllegalArgumentException("same and other need one list per row, got " + same.length + " and " + other.length);
            }
        }

        /** Both lists of each row together, ascending by row index. */
        public int[][] merged() {
            int[][] out = new int[same.length][];
            for (int i = 0; i < out.length; i++) {
                int[] c = Arrays.copyOf(same[i], same[i].length + other[i].length);
                System.arraycopy(other[i], 0, c, same[i].length, other[i].length);
                Arrays.sort(c);
                out[i] = c;
            }
            return out;
        }
    }
}
