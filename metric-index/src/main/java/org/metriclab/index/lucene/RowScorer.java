package org.metriclab.index.lucene;

import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * Lucene's Euclidean score 1 / (1 + ‖q − g‖²) of one query against graph nodes, read from the gallery's
 * row-major float32 array on the heap (graph node i is gallery row {@code nodeToRow[i]}). Float32 arithmetic as
 * in Lucene's own scorer; the caller re-ranks the candidates in float64.
 */
final class RowScorer implements RandomVectorScorer {
    private final float[] query;
    private final float[] vectors;
    private final int[] nodeToRow;
    private final int dim;

    RowScorer(float[] query, float[] vectors, int[] nodeToRow, int dim) {
        this.query = query;
        this.vectors = vectors;
        this.nodeToRow = nodeToRow;
        this.dim = dim;
    }

    @Override
    public float score(int node) {
        return 1 / (1 + squaredDistance(query, vectors, nodeToRow[node] * dim, dim));
    }

    @Override
    public int maxOrd() {
        return nodeToRow.length;
    }

    /** Σ (q_t − v_{offset+t})² in float32, four independent sums so the loop pipelines. */
    static float squaredDistance(float[] q, float[] v, int offset, int dim) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int t = 0;
        for (int upper = dim & ~3; t < upper; t += 4) {
            float d0 = q[t] - v[offset + t];
            float d1 = q[t + 1] - v[offset + t + 1];
            float d2 = q[t + 2] - v[offset + t + 2];
            float d3 = q[t + 3] - v[offset + t + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; t < dim; t++) {
            float d = q[t] - v[offset + t];
            s0 += d * d;
        }
        return s0 + s1 + s2 + s3;
    }
}
