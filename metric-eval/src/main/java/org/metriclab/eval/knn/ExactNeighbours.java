package org.metriclab.eval.knn;

import java.util.function.Supplier;
import org.metriclab.core.resource.MemoryBudget;

/**
 * Exact k nearest references of every query from the tiled squared-Euclidean kernel, ranked by (distance,
 * reference index): the reference against which approximate indexes are measured, and their exact fallback.
 */
public final class ExactNeighbours {
    private ExactNeighbours() {
    }

    /** The {@code k} nearest of {@code references} for each query; {@code k} must not exceed the references. */
    public static Neighbours search(EmbeddingRows queries, ReferenceTiles references, int k) {
        if (k < 1 || k > references.rows()) {
            throw new IllegalArgumentException("k = " + k + " must be between 1 and the " + references.rows()
                    + " gallery rows; ask for fewer neighbours or add gallery rows");
        }
        int nq = queries.rows();
        int nr = references.rows();
        if ((long) nq * k > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(nq + " queries × k = " + k + " neighbours exceed one array; search fewer queries at a time");
        }
        MemoryBudget.require(MemoryBudget.bytes(nq, k, Integer.BYTES + MemoryBudget.DOUBLE), "exact " + k + " nearest neighbours of "
                + nq + " queries", "search fewer queries at a time");
        int[] rows = new int[nq * k];
        double[] dist = new double[nq * k];
        Supplier<TiledSearch.RowVisitor> visitors = () -> {
            NearestHeap heap = new NearestHeap(k);
            return (query, distances, offset) -> {
                heap.clear();
                for (int j = 0; j < nr; j++) {
                    heap.offerInIndexOrder(distances[offset + j], j);
                }
                heap.sortAscending();
                System.arraycopy(heap.index, 0, rows, query * k, k);
                System.arraycopy(heap.distance, 0, dist, query * k, k);
            };
        };
        TiledSearch.forEachRow(queries, references, visitors);
        return new Neighbours(nq, k, rows, dist);
    }
}
