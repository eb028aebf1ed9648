package org.metriclab.eval.knn;

/**
 * The k nearest of a stream of (distance, reference index) entries: a bounded max-heap under the ranking order
 * (ascending distance, ties by ascending index), so its top is the entry that the next nearer one evicts.
 * {@link #sortAscending} turns it into the k nearest, nearest first.
 */
final class NearestHeap {
    final double[] distance;
    final int[] index;
    private int size;

    NearestHeap(int capacity) {
        distance = new double[capacity];
        index = new int[capacity];
    }

    int capacity() {
        return distance.length;
    }

    int size() {
        return size;
    }

    boolean full() {
        return size == distance.length;
    }

    /** The k-th smallest distance offered so far (+∞ while fewer than k were offered; −∞ for k = 0). */
    double top() {
        if (distance.length == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return size < distance.length ? Double.POSITIVE_INFINITY : distance[0];
    }

    void clear() {
        size = 0;
    }

    /** Keeps (d, idx) if it is among the k nearest offered so far. */
    void offer(double d, int idx) {
        if (size < distance.length) {
            push(d, idx);
        } else if (distance.length > 0 && after(distance[0], index[0], d, idx)) {
            replaceTop(size, d, idx);
        }
    }

    /**
     * Keeps (d, idx) if its distance is below the top's; equal distances keep the earlier entry. For streams in
     * ascending index order this is {@link #offer} without the index comparison.
     */
    void offerInIndexOrder(double d, int idx) {
        if (size < distance.length) {
            push(d, idx);
        } else if (distance.length > 0 && d < distance[0]) {
            replaceTop(size, d, idx);
        }
    }

    /** Sorts the kept entries nearest first (ascending distance, then index) in place; returns their number. */
    int sortAscending() {
        for (int s = size - 1; s > 0; s--) {
            double d = distance[0];
            int idx = index[0];
            replaceTop(s, distance[s], index[s]);
            distance[s] = d;
            index[s] = idx;
        }
        return size;
    }

    /** True when (da, ia) ranks after (db, ib). */
    static boolean after(double da, int ia, double db, int ib) {
        return da > db || (da == db && ia > ib);
    }

    private void push(double d, int idx) {
        int c = size++;
        while (c > 0) {
            int p = (c - 1) / 2;
            if (!after(d, idx, distance[p], index[p])) {
                break;
            }
            distance[c] = distance[p];
            index[c] = index[p];
            c = p;
        }
        distance[c] = d;
        index[c] = idx;
    }

    private void replaceTop(int n, double d, int idx) {
        int c = 0;
        while (true) {
            int l = 2 * c + 1;
            if (l >= n) {
                break;
            }
            int g = l + 1 < n && after(distance[l + 1], index[l + 1], distance[l], index[l]) ? l + 1 : l;
            if (!after(distance[g], index[g], d, idx)) {
                break;
            }
            distance[c] = distance[g];
            index[c] = index[g];
            c = g;
        }
        distance[c] = d;
        index[c] = idx;
    }
}
