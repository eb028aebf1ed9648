package org.metriclab.eval.search;

import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.Neighbours;

/** An approximate nearest-neighbour index over a fixed set of references, built by an {@link ApproximateSearch}. */
public interface ApproximateIndex extends AutoCloseable {
    /**
     * The approximate {@code k} nearest references of each query, nearest first, ties by ascending reference index;
     * a query with fewer candidates has its remaining entries set to row −1 at infinite distance. Safe to call from one
     * thread at a time; implementations may search the queries in parallel.
     *
     * @param k         neighbours per query, 1 ≤ k ≤ the references
     * @param efSearch  beam width (widened to k when smaller)
     */
    Neighbours search(EmbeddingRows queries, int k, int efSearch);

    /** Releases the index's files and memory. */
    @Override
    void close();
}
