package org.metriclab.index.lucene;

import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * Lucene's Euclidean score 1 / (1 + d) of one quantized query against graph nodes, d the squared distance
 * between byte codes ({@link ByteRows}); graph node i is gallery row {@code nodeToRow[i]}.
 */
final class ByteScorer implements RandomVectorScorer {
    private final byte[] query;
    private final ByteRows rows;
    private final int[] nodeToRow;

    ByteScorer(byte[] query, ByteRows rows, int[] nodeToRow) {
        this.query = query;
        this.rows = rows;
        this.nodeToRow = nodeToRow;
    }

    @Override
    public float score(int node) {
        return 1f / (1 + rows.squaredDistance(query, nodeToRow[node]));
    }

    @Override
    public int maxOrd() {
        return nodeToRow.length;
    }
}
