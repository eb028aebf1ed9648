package org.metriclab.spark.knn;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;

/**
 * For a batch of queries, their relevant references (the query's label; the query itself excluded in self mode)
 * with squared distances, each query's list in ranking order (ascending distance, ties by ascending global index).
 * Lists over disjoint reference blocks merge into the lists over the union ({@link #merge}, associative and
 * commutative), so any tree of merges gives every relevant reference of every query of the batch.
 */
public final class RelevantLists implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int[] offsets;
    private final double[] distances;
    private final int[] indices;

    private RelevantLists(int[] offsets, double[] distances, int[] indices) {
        this.offsets = offsets;
        this.distances = distances;
        this.indices = indices;
    }

    /**
     * The relevant references of {@code block} for the queries {@code ids} (rows of the row-major {@code queries};
     * labels {@code queryLabels[id]}, reference labels {@code referenceLabels[global index]}).
     */
    public static RelevantLists gather(ReferenceBlock block, double[] queries, int[] ids, int[] queryLabels, int[] referenceLabels,
                                       boolean selfMode) {
        Map<Integer, int[]> byLabel = block.rowsByLabel(referenceLabels);
        int dim = block.dim();
        int[] offsets = new int[ids.length + 1];
        for (int i = 0; i < ids.length; i++) {
            int[] rows = byLabel.get(queryLabels[ids[i]]);
            offsets[i + 1] = offsets[i] + (rows == null ? 0 : rows.length);
        }
        double[] d = new double[offsets[ids.length]];
        int[] idx = new int[d.length];
        int n = 0;
        int[] kept = new int[block.rows()];
        for (int i = 0; i < ids.length; i++) {
            int[] rows = byLabel.get(queryLabels[ids[i]]);
            int start = n;
            if (rows != null) {
                int m = 0;
                for (int j : rows) {
                    if (!(selfMode && block.offset() + j == ids[i])) {
                        kept[m++] = j;
                    }
                }
                block.exactAll(queries, ids[i] * dim, kept, m, d, n);
                for (int r = 0; r < m; r++) {
                    idx[n + r] = block.offset() + kept[r];
                }
                n += m;
            }
            // rows are in ascending index order, so a stable sort by distance gives the ranking order
            sortByDistance(d, idx, start, n);
            offsets[i] = start;
        }
        offsets[ids.length] = n;
        return new RelevantLists(offsets, Arrays.copyOf(d, n), Arrays.copyOf(idx, n));
    }

    /** The lists over the union of the (disjoint) reference sets of {@code a} and {@code b}. */
    public static RelevantLists merge(RelevantLists a, RelevantLists b) {
        if (a.offsets.length != b.offsets.length) {
            throw new IllegalArgumentException("cannot merge relevant lists of " + a.queries() + " and " + b.queries() + " queries");
        }
        int nq = a.queries();
        int[] offsets = new int[nq + 1];
        double[] d = new double[a.distances.length + b.distances.length];
        int[] idx = new int[d.length];
        int n = 0;
        for (int q = 0; q < nq; q++) {
            offsets[q] = n;
            int i = a.offsets[q];
            int j = b.offsets[q];
            int ie = a.offsets[q + 1];
            int je = b.offsets[q + 1];
            while (i < ie || j < je) {
                boolean takeA = j >= je || (i < ie && TopK.before(a.distances[i], a.indices[i], b.distances[j], b.indices[j]));
                if (takeA) {
                    d[n] = a.distances[i];
                    idx[n++] = a.indices[i++];
                } else {
                    d[n] = b.distances[j];
                    idx[n++] = b.indices[j++];
                }
            }
        }
        offsets[nq] = n;
        return new RelevantLists(offsets, d, idx);
    }

    /** The number of queries of the batch. */
    public int queries() {
        return offsets.length - 1;
    }

    /** The number of relevant references listed for query {@code i} of the batch. */
    public int size(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** The total number of listed references. */
    public int total() {
        return offsets[offsets.length - 1];
    }

    /** The distance of the {@code r}-th (0 = nearest) relevant reference of query {@code i}. */
    double distance(int i, int r) {
        return distances[offsets[i] + r];
    }

    /** The global index of the {@code r}-th relevant reference of query {@code i}. */
    int index(int i, int r) {
        return indices[offsets[i] + r];
    }

    /** Query {@code i}'s distances as a sorted run. */
    SortedRun run(int i) {
        return new SortedRun(distances, offsets[i], offsets[i + 1], size(i));
    }

    /** The number of listed references of query {@code i} ranked before (distance {@code d}, global index {@code g}). */
    int countBefore(SortedRun run, int i, double d, int g) {
        int a = run.lowerBound(d);
        if (a == offsets[i + 1] || distances[a] != d) {
            return a - offsets[i];
        }
        int e = run.upperBound(d);
        // equal distances: ascending indices, the ones below g rank before it
        while (a < e) {
            int mid = (a + e) >>> 1;
            if (indices[mid] < g) {
                a = mid + 1;
            } else {
                e = mid;
            }
        }
        return a - offsets[i];
    }

    /** Stable merge sort of {@code d[from .. to)} by value, moving {@code idx} along. */
    private static void sortByDistance(double[] d, int[] idx, int from, int to) {
        int n = to - from;
        if (n < 2) {
            return;
        }
        double[] bd = new double[n];
        int[] bi = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(n, lo + width);
                int hi = Math.min(n, lo + 2 * width);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid || j < hi) {
                    boolean left = j >= hi || (i < mid && d[from + i] <= d[from + j]);
                    int src = from + (left ? i++ : j++);
                    bd[k] = d[src];
                    bi[k++] = idx[src];
                }
            }
            System.arraycopy(bd, 0, d, from, n);
            System.arraycopy(bi, 0, idx, from, n);
        }
    }
}
