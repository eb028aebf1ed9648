package org.metriclab.eval.knn;

/**
 * The exact k nearest references of one query, selected during a pass over its distance row (Gram or exact) in
 * ascending reference order: ranking order ascending exact distance, ties by ascending reference index.
 *
 * <p>On Gram rows every row value a_j is within E ({@link ReferenceTiles#uniformBound}) of the exact d_j. The pass
 * ({@link #consider}) keeps the k smallest upper bounds a_j + E in the heap and lists, ascending, every j whose
 * lower bound a_j − E was at most the heap's top when j was reached (+∞ while the heap was not full) — a superset
 * of those whose lower bound is at most the final top T, the k-th smallest upper bound, since the top only
 * decreases. Every true k-nearest reference has exact distance ≤ T, hence lower bound ≤ T, so {@link #finish}
 * recomputes only those candidates exactly. On exact rows E = 0 and the heap is already exact.
 */
final class NearestSelector {
    private final NearestHeap heap;
    private final int[] candidates;
    private final boolean gram;
    private final ReferenceTiles refs;
    private int found;
    private double top;

    /**
     * @param k how many nearest references to keep (at most the references)
     * @param refs the references the row covers (exact distances are recomputed from them)
     * @param gram true for Gram rows (approximate), false for exact rows
     */
    NearestSelector(int k, ReferenceTiles refs, boolean gram) {
        this.heap = new NearestHeap(k);
        this.candidates = gram && k > 0 ? new int[refs.rows()] : new int[0];
        this.gram = gram;
        this.refs = refs;
    }

    int capacity() {
        return heap.capacity();
    }

    /** Starts a query. */
    void begin() {
        heap.clear();
        found = 0;
        top = heap.top();
    }

    /** Offers reference j (ascending j, the query itself left out) with row value d and uniform error bound err. */
    void consider(double d, int j, double err) {
        if (d - err <= top) {
            if (gram) {
                candidates[found++] = j;
            }
            heap.offerInIndexOrder(d + err, j);
            top = heap.top();
        }
    }

    /**
     * Finishes the query: the exact k nearest, ascending, readable through {@link #index} and {@link #distance};
     * returns their number.
     *
     * @param dist the row and its offset, as offered
     * @param query the query rows and the offset of this query's row
     */
    int finish(double[] dist, int off, double[] query, int qa, double err) {
        if (gram) {
            double threshold = heap.top();
            heap.clear();
            for (int i = 0; i < found; i++) {
                int j = candidates[i];
                if (dist[off + j] - err > threshold) {
                    continue;
                }
                heap.offer(refs.exact(query, qa, j), j);
            }
        }
        return heap.sortAscending();
    }

    /** The reference of the (i+1)-th nearest, after {@link #finish}. */
    int index(int i) {
        return heap.index[i];
    }

    /** The exact squared distance of the (i+1)-th nearest, after {@link #finish}. */
    double distance(int i) {
        return heap.distance[i];
    }
}
