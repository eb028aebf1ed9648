package org.metriclab.deep.loss;

/**
 * One mini-batch as a loss sees it (PML call convention {@code loss(embeddings, labels, indices_tuple)}):
 * raw embeddings (row-major N×D, float64, before any normalisation), class indices in {@code [0, C)},
 * mined tuples ({@code null} = all pairs/triplets), and for proxy/classification losses the C×D matrix
 * of proxies or class weights (one row per class; {@code null} otherwise).
 */
public record LossBatch(double[] x, int n, int d, int[] labels, Tuples mined, double[] weights) {
    public LossBatch {
        if (n < 1 || d < 1 || x.length != n * d) {
            throw new IllegalArgumentException("embeddings must be a non-empty N×D block; got " + x.length + " values for " + n + "×" + d);
        }
        if (labels.length != n) {
            throw new IllegalArgumentException("need one label per embedding row: " + labels.length + " labels for " + n + " rows");
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("embeddings contain a non-finite value");
            }
        }
        if (weights != null && weights.length % d != 0) {
            throw new IllegalArgumentException("weights must have " + d + " columns (one row per class)");
        }
    }

    /** Number of weight rows (classes), 0 when there are no weights. */
    public int weightRows() {
        return weights == null ? 0 : weights.length / d;
    }
}
