package org.metriclab.eval.knn;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The k nearest references of each query of a range, nearest first, with their exact squared distances and
 * reference indices: the mergeable top-k of the ranking engine. The top-k lists of disjoint reference parts
 * {@link #merge} into the top-k list over their union, in the engine's ranking order (ascending exact distance,
 * ties by ascending reference index), so a reference-partitioned evaluation keeps exactly the local engine's
 * nearest references. Immutable and serialisable, for shipping between distributed workers.
 */
public final class TopK implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int from;
    private final int k;
    private final int[] count;
    private final int[] index;
    private final double[] distance;

    /** Takes ownership of the arrays: query q's list is at {@code (q − from)·k}, {@code count[q − from]} long. */
    TopK(int from, int k, int[] count, int[] index, double[] distance) {
        this.from = from;
        this.k = k;
        this.count = count;
        this.index = index;
        this.distance = distance;
    }

    /** The first query. */
    public int from() {
        return from;
    }

    /** One past the last query. */
    public int to() {
        return from + count.length;
    }

    /** The most references kept per query. */
    public int k() {
        return k;
    }

    /** How many references query q keeps: k, or all of them when there are fewer. */
    public int count(int q) {
        return count[q - from];
    }

    /** The reference index of the (i+1)-th nearest of query q. */
    public int index(int q, int i) {
        return index[slot(q, i)];
    }

    /** The exact squared distance of the (i+1)-th nearest of query q. */
    public double distance(int q, int i) {
        return distance[slot(q, i)];
    }

    private int slot(int q, int i) {
        if (i < 0 || i >= count(q)) {
            throw new IndexOutOfBoundsException("query " + q + " keeps " + count(q) + " references, asked for " + i);
        }
        return (q - from) * k + i;
    }

    /**
     * The top-k over both reference sets (which must be disjoint), for the same queries and k: per query, the k
     * first of the two sorted lists merged in ranking order.
     */
    public TopK merge(TopK other) {
        if (other.from != from || other.count.length != count.length || other.k != k) {
            throw new IllegalArgumentException("cannot merge the top-" + other.k + " of queries " + other.from + ".." + (other.to() - 1)
                    + " into the top-" + k + " of queries " + from + ".." + (to() - 1));
        }
        int[] c = new int[count.length];
        int[] idx = new int[index.length];
        double[] d = new double[distance.length];
        for (int q = 0; q < count.length; q++) {
            int base = q * k;
            int a = 0;
            int b = 0;
            int n = 0;
            while (n < k && (a < count[q] || b < other.count[q])) {
                boolean takeOther = a == count[q] || (b < other.count[q]
                        && NearestHeap.after(distance[base + a], index[base + a], other.distance[base + b], other.index[base + b]));
                if (takeOther) {
                    d[base + n] = other.distance[base + b];
                    idx[base + n] = other.index[base + b];
                    b++;
                } else {
                    d[base + n] = distance[base + a];
                    idx[base + n] = index[base + a];
                    a++;
                }
                n++;
            }
            c[q] = n;
        }
        return new TopK(from, k, c, idx, d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopK t && t.from == from && t.k == k && Arrays.equals(t.count, count) && Arrays.equals(t.index, index)
                && Arrays.equals(t.distance, distance);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * from + k) + Arrays.hashCode(index);
    }
}
