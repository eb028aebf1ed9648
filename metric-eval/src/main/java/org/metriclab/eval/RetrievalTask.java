package org.metriclab.eval;

import java.util.Arrays;
import org.metriclab.eval.knn.EmbeddingRows;

/**
 * What a {@link RetrievalMeasure} sees: query and reference embeddings with their labels, the mode and
 * the seed, plus the exact ranking with MetricLab's conventions, so that an extension's measure ranks
 * exactly as the built-in ones do: squared Euclidean distance in float64, ascending, ties by ascending
 * reference index, and in self mode ({@link #self()}) the query's own row excluded.
 *
 * <p>{@link #nearest(int, int)} is a plain exact scan, O(references · dim) per query; fine for
 * evaluation-sized data, not tuned like the built-in tiled kernels.
 */
public final class RetrievalTask {
    private final EmbeddingRows queries;
    private final int[] queryLabels;
    private final EmbeddingRows references;
    private final int[] referenceLabels;
    private final boolean self;
    private final long seed;
    private final double[][] refRows;

    /**
     * @param queries the query embeddings
     * @param queryLabels one label per query row
     * @param references the reference embeddings (the queries themselves in self mode)
     * @param referenceLabels one label per reference row
     * @param self true when references are the queries and each query's own row is excluded
     * @param seed the evaluation seed, for measures that need randomness
     */
    public RetrievalTask(EmbeddingRows queries, int[] queryLabels, EmbeddingRows references, int[] referenceLabels, boolean self, long seed) {
        if (queryLabels.length != queries.rows() || referenceLabels.length != references.rows()) {
            throw new IllegalArgumentException("expected one label per row: " + queries.rows() + " queries with " + queryLabels.length
                    + " labels, " + references.rows() + " references with " + referenceLabels.length + " labels");
        }
        if (queries.dim() != references.dim()) {
            throw new IllegalArgumentException("queries have " + queries.dim() + " columns but references have " + references.dim());
        }
        this.queries = queries;
        this.queryLabels = queryLabels.clone();
        this.references = references;
        this.referenceLabels = referenceLabels.clone();
        this.self = self;
        this.seed = seed;
        this.refRows = references.toRows();
    }

    /** The query embeddings. */
    public EmbeddingRows queries() {
        return queries;
    }

    /** The reference embeddings. */
    public EmbeddingRows references() {
        return references;
    }

    /** The number of queries. */
    public int queryCount() {
        return queries.rows();
    }

    /** The label of query {@code q}. */
    public int queryLabel(int q) {
        return queryLabels[q];
    }

    /** The label of reference {@code r}. */
    public int referenceLabel(int r) {
        return referenceLabels[r];
    }

    /** Every query label, in query order (not copied: read-only). */
    int[] queryLabelArray() {
        return queryLabels;
    }

    /** Every reference label, in reference order (not copied: read-only). */
    int[] referenceLabelArray() {
        return referenceLabels;
    }

    /** True in self mode (references = queries, own row excluded). */
    public boolean self() {
        return self;
    }

    /** The evaluation seed. */
    public long seed() {
        return seed;
    }

    /** R: how many references share query {@code q}'s label (its own row not counted in self mode). */
    public int relevantCount(int q) {
        int r = 0;
        for (int j = 0; j < referenceLabels.length; j++) {
            if (referenceLabels[j] == queryLabels[q] && !(self && j == q)) {
                r++;
            }
        }
        return r;
    }

    /**
     * The indices of the {@code min(k, available)} references nearest to query {@code q}, nearest first
     * (ties by ascending index; the query itself excluded in self mode).
     */
    public int[] nearest(int q, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        double[] x = queries.row(q);
        int n = refRows.length;
        double[] dist = new double[n];
        Integer[] idx = new Integer[self ? n - 1 : n];
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (self && j == q) {
                continue;
            }
            double s = 0;
            double[] y = refRows[j];
            for (int t = 0; t < x.length; t++) {
                double e = x[t] - y[t];
                s += e * e;
            }
            dist[j] = s;
            idx[m++] = j;
        }
        Arrays.sort(idx, (a, b) -> dist[a] != dist[b] ? Double.compare(dist[a], dist[b]) : Integer.compare(a, b));
        int[] out = new int[Math.min(k, idx.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
