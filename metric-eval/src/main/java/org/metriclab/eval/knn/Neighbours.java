package org.metriclab.eval.knn;

import java.util.Arrays;

/**
 * The k nearest references of each query, nearest first, row-major: neighbour i of query q is reference
 * {@code rows[q·k + i]} at squared distance {@code distances[q·k + i]}. Equal distances are ordered by ascending
 * reference index.
 *
 * @param queries   number of queries
 * @param k         neighbours per query
 * @param rows      reference indices, {@code queries × k}
 * @param distances squared distances, {@code queries × k}
 */
public record Neighbours(int queries, int k, int[] rows, double[] distances) {
    public Neighbours {
        if (queries < 0 || k < 0) {
            throw new IllegalArgumentException("queries and k must be non-negative, got " + queries + " and " + k);
        }
        if (rows == null || distances == null || rows.length != (long) queries * k || distances.length != rows.length) {
            throw new IllegalArgumentException("neighbour arrays must hold queries × k = " + (long) queries * k + " entries");
        }
    }

    /** Reference index of neighbour {@code i} (0 = nearest) of query {@code q}. */
    public int row(int q, int i) {
        return rows[q * k + i];
    }

    /** Squared distance of neighbour {@code i} of query {@code q}. */
    public double distance(int q, int i) {
        return distances[q * k + i];
    }

    /**
     * Recall@k of this (approximate) result against the exact one: the fraction of the exact k nearest that this
     * result also returns, pooled over the queries. Both results must have the same queries and k.
     */
    public double recallAgainst(Neighbours exact) {
        if (exact.queries != queries || exact.k != k) {
            throw new IllegalArgumentException("recall needs results of the same shape: " + queries + " × " + k
                    + " against " + exact.queries + " × " + exact.k);
        }
        if (queries == 0 || k == 0) {
            return Double.NaN;
        }
        long found = 0;
        int[] mine = new int[k];
        for (int q = 0; q < queries; q++) {
            System.arraycopy(rows, q * k, mine, 0, k);
            Arrays.sort(mine);
            for (int i = 0; i < k; i++) {
                if (Arrays.binarySearch(mine, exact.rows[q * k + i]) >= 0) {
                    found++;
                }
            }
        }
        return found / ((double) queries * k);
    }
}
