package org.metriclab.spark.knn;

import java.io.Serializable;
import java.util.Arrays;

/**
 * For each of a set of queries, the nearest reference with the query's label in ranking order (distance, then
 * index), or index −1 when none was seen; partial results over disjoint reference blocks merge by taking the
 * earlier one. Used for mean_reciprocal_rank when a query's first relevant reference lies beyond the top-k lists.
 */
public final class FirstRelevant implements Serializable {
    private static final long serialVersionUID = 1L;
    final double[] distances;
    final int[] indices;

    FirstRelevant(int queries) {
        distances = new double[queries];
        indices = new int[queries];
        Arrays.fill(distances, Double.POSITIVE_INFINITY);
        Arrays.fill(indices, -1);
    }

    /** The earlier of two partial results, per query. */
    public static FirstRelevant merge(FirstRelevant a, FirstRelevant b) {
        if (a.indices.length != b.indices.length) {
            throw new IllegalArgumentException("cannot merge first-relevant results of " + a.indices.length + " and " + b.indices.length + " queries");
        }
        FirstRelevant out = new FirstRelevant(a.indices.length);
        for (int q = 0; q < a.indices.length; q++) {
            boolean takeA = b.indices[q] < 0 || (a.indices[q] >= 0 && TopK.before(a.distances[q], a.indices[q], b.distances[q], b.indices[q]));
            out.distances[q] = takeA ? a.distances[q] : b.distances[q];
            out.indices[q] = takeA ? a.indices[q] : b.indices[q];
        }
        return out;
    }

    /** Element-wise sum of two per-query counts. */
    public static long[] add(long[] a, long[] b) {
        long[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }
}
