package org.metriclab.eval.cluster;

import java.util.Arrays;
import org.metriclab.eval.knn.EmbeddingRows;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * k-means cluster assignments for NMI/AMI, via Smile's {@code KMeans} (k-means++ seeding, BBD-tree Lloyd
 * iterations, at most {@value #MAX_ITERATIONS} iterations, tolerance {@value #TOLERANCE}). Smile's random
 * stream is seeded with {@code seed} on the calling thread, so the assignment is a function of
 * (embeddings, k, seed). The only class of this module that imports Smile.
 *
 * <p>PML clusters with faiss k-means, which no second implementation reproduces bit for bit; compare
 * NMI/AMI across implementations through a shared cluster assignment.
 */
public final class KMeansClusters {
    public static final int MAX_ITERATIONS = 100;
    public static final double TOLERANCE = 1e-4;

    private KMeansClusters() {
    }

    /** Cluster id (0..k-1) of every row. k = 1 puts every row in cluster 0; k ≥ rows gives one row per cluster. */
    public static int[] assign(EmbeddingRows x, int k, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("k-means needs k >= 1 clusters, got " + k);
        }
        int n = x.rows();
        if (k == 1) {
            return new int[n];
        }
        if (k >= n) {
            int[] own = new int[n];
            Arrays.setAll(own, i -> i);
            return own;
        }
        MathEx.setSeed(seed);
        try {
            KMeans model = KMeans.fit(x.toRows(), k, MAX_ITERATIONS, TOLERANCE);
            return model.y.clone();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("k-means for NMI/AMI failed with k = " + k + " clusters on " + n
                    + " embeddings (" + e.getMessage() + "); NMI/AMI need at least k distinct embeddings", e);
        }
    }
}
