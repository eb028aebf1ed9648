package org.metriclab.spark.knn;

import java.io.Serializable;

/**
 * The k nearest references of every query, each list in ranking order: ascending squared distance, ties by
 * ascending (global) reference index. Partial lists from disjoint reference blocks merge into the lists of
 * their union ({@link #merge}), which is associative and commutative, so any tree of merges gives the same
 * result as one search over all references.
 */
public final class TopK implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int queries;
    private final int k;
    private final double[] distances;
    private final int[] indices;
    private final int[] counts;

    TopK(int queries, int k, double[] distances, int[] indices, int[] counts) {
        this.queries = queries;
        this.k = k;
        this.distances = distances;
        this.indices = indices;
        this.counts = counts;
    }

    /** Empty lists of capacity {@code k} for {@code queries} queries. */
    public static TopK empty(int queries, int k) {
        return new TopK(queries, k, new double[queries * k], new int[queries * k], new int[queries]);
    }

    public int queries() {
        return queries;
    }

    /** The capacity of every list. */
    public int k() {
        return k;
    }

    /** How many neighbours query {@code q} has (k, or fewer when there are fewer references). */
    public int count(int q) {
        return counts[q];
    }

    /** The reference index at position {@code i} (0 = nearest) of query {@code q}. */
    public int index(int q, int i) {
        return indices[q * k + i];
    }

    /** The squared distance at position {@code i} of query {@code q}. */
    public double distance(int q, int i) {
        return distances[q * k + i];
    }

    /** Stores query {@code q}'s list (already in ranking order). */
    void set(int q, double[] d, int[] idx, int n) {
        System.arraycopy(d, 0, distances, q * k, n);
        System.arraycopy(idx, 0, indices, q * k, n);
        counts[q] = n;
    }

    /** The k nearest of the union of two partial results over disjoint reference sets. */
    public static TopK merge(TopK a, TopK b) {
        if (a.queries != b.queries || a.k != b.k) {
            throw new IllegalArgumentException("cannot merge top-k lists of " + a.queries + "×" + a.k + " and " + b.queries + "×" + b.k);
        }
        int k = a.k;
        TopK out = empty(a.queries, k);
        for (int q = 0; q < a.queries; q++) {
            int base = q * k;
            int i = 0;
            int j = 0;
            int n = 0;
            int na = a.counts[q];
            int nb = b.counts[q];
            while (n < k && (i < na || j < nb)) {
                boolean takeA = j >= nb || (i < na && before(a.distances[base + i], a.indices[base + i], b.distances[base + j], b.indices[base + j]));
                if (takeA) {
                    out.distances[base + n] = a.distances[base + i];
                    out.indices[base + n] = a.indices[base + i];
                    i++;
                } else {
                    out.distances[base + n] = b.distances[base + j];
                    out.indices[base + n] = b.indices[base + j];
                    j++;
                }
                n++;
            }
            out.counts[q] = n;
        }
        return out;
    }

    /** Ranking order: (da, ia) before (db, ib). */
    static boolean before(double da, int ia, double db, int ib) {
        return da < db || (da == db && ia < ib);
    }
}
