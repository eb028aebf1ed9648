package org.metriclab.eval.knn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exact pair-verification ROC-AUC over all query–reference pairs (self pairs excluded in self mode):
 * positive = same label, score = −squared distance. AUC = (#(pos, neg) with d_pos &lt; d_neg
 * + ½ #(pos, neg) with d_pos = d_neg) / (P·N), the Mann–Whitney statistic with ties counted one half.
 * NaN when there is no positive or no negative pair.
 *
 * <p>In self mode every pair is counted once (j &gt; i): distances are symmetric (the exact kernel sums the same
 * squared differences in the same order for (i, j) and (j, i)), so each ordered count is exactly twice the unordered
 * one, P·N four times, and the AUC is the same number — with half the positives to hold and to count.
 *
 * <p>Memory-bounded and exact: the positive distances are held in chunks of at most {@link #CHUNK} values
 * (12 bytes each), negatives are never stored. With P ≤ CHUNK: one pass collects and sorts the positives, a
 * second counts for every negative the positives below and equal to it. Otherwise a first pass histograms the
 * positives by the top bits of their float64 representation (monotone for non-negative values), the key range
 * is cut into chunks of at most CHUNK positives, and each chunk costs two more distance passes — exact for any
 * size, at the price of recomputing the distances 1 + 2·chunks times.
 */
public final class RocAuc {
    /** Most positive distances held at once (about 400 MB). */
    public static final int CHUNK = 1 << 25;
    private static final int KEY_SHIFT = 42;
    private static final int KEYS = 1 << (63 - KEY_SHIFT);

    private RocAuc() {
    }

    public static double compute(Embeddings queries, int[] queryLabels, ReferenceTiles refs, int[] refLabels, boolean selfMode) {
        return compute(queries, queryLabels, refs, refLabels, selfMode, CHUNK);
    }

    static double compute(Embeddings queries, int[] queryLabels, ReferenceTiles refs, int[] refLabels, boolean selfMode, int chunk) {
        int nq = queries.rows();
        int nr = refs.rows();
        Map<Integer, Long> refCounts = new HashMap<>();
        for (int l : refLabels) {
            refCounts.merge(l, 1L, Long::sum);
        }
        long positives = 0;
        for (int q = 0; q < nq; q++) {
            positives += refCounts.getOrDefault(queryLabels[q], 0L) - (selfMode ? 1 : 0);
        }
        long negatives = (long) nq * nr - (selfMode ? nq : 0) - positives;
        if (selfMode) {
            positives /= 2;
            negatives /= 2;
        }
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        List<int[]> ranges = new ArrayList<>();
        if (positives <= chunk) {
            ranges.add(new int[] {0, KEYS});
        } else {
            long[] hist = histogram(queries, queryLabels, refs, refLabels, selfMode);
            int from = 0;
            long filled = 0;
            for (int k = 0; k < KEYS; k++) {
                if (hist[k] > chunk) {
                    throw new IllegalArgumentException("roc_auc: " + hist[k] + " positive pairs share nearly the same distance, "
                            + "more than the exact method holds at once (" + chunk + ")");
                }
                if (filled + hist[k] > chunk) {
                    ranges.add(new int[] {from, k});
                    from = k;
                    filled = 0;
                }
                filled += hist[k];
            }
            ranges.add(new int[] {from, KEYS});
        }
        double less = 0;
        double equal = 0;
        for (int[] range : ranges) {
            long[] counts = countChunk(queries, queryLabels, refs, refLabels, selfMode, range[0], range[1]);
            less += counts[0];
            equal += counts[1];
        }
        return (less + 0.5 * equal) / ((double) positives * negatives);
    }

    private static int key(double d) {
        return (int) (Double.doubleToRawLongBits(d) >>> KEY_SHIFT);
    }

    /** Every query's distance row; in self mode only its entries after the query, the only ones counted. */
    private static void rows(Embeddings queries, ReferenceTiles refs, boolean selfMode,
                             java.util.function.Supplier<? extends TiledSearch.RowVisitor> visitors) {
        if (selfMode) {
            TiledSearch.forEachRowAfterSelf(queries, refs, visitors);
        } else {
            TiledSearch.forEachRow(queries, refs, visitors);
        }
    }

    /** The first reference of a query's row that is counted: all of them, or in self mode those after the query. */
    private static int first(boolean selfMode, int query) {
        return selfMode ? query + 1 : 0;
    }

    private static boolean positive(int[] queryLabels, int[] refLabels, int query, int j) {
        return refLabels[j] == queryLabels[query];
    }

    private static long[] histogram(Embeddings queries, int[] queryLabels, ReferenceTiles refs, int[] refLabels, boolean selfMode) {
        int nr = refs.rows();
        ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
        ThreadLocal<long[]> local = ThreadLocal.withInitial(() -> {
            long[] h = new long[KEYS];
            all.add(h);
            return h;
        });
        rows(queries, refs, selfMode, () -> {
            long[] h = local.get();
            return (query, dist, off) -> {
                for (int j = first(selfMode, query); j < nr; j++) {
                    if (positive(queryLabels, refLabels, query, j)) {
                        h[key(dist[off + j])]++;
                    }
                }
            };
        });
        long[] sum = new long[KEYS];
        for (long[] h : all) {
            for (int k = 0; k < KEYS; k++) {
                sum[k] += h[k];
            }
        }
        return sum;
    }

    /** {#(pos in chunk, neg) with pos &lt; neg, #(pos in chunk, neg) with pos = neg} for keys in [from, to). */
    private static long[] countChunk(Embeddings queries, int[] queryLabels, ReferenceTiles refs, int[] refLabels,
                                     boolean selfMode, int from, int to) {
        int nr = refs.rows();
        AtomicLong fill = new AtomicLong();
        ConcurrentLinkedQueue<double[]> parts = new ConcurrentLinkedQueue<>();
        rows(queries, refs, selfMode, () -> {
            double[] row = new double[nr];
            return (query, dist, off) -> {
                int count = 0;
                for (int j = first(selfMode, query); j < nr; j++) {
                    double d = dist[off + j];
                    int k = key(d);
                    if (k >= from && k < to && positive(queryLabels, refLabels, query, j)) {
                        row[count++] = d;
                    }
                }
                if (count > 0) {
                    parts.add(Arrays.copyOf(row, count));
                    fill.addAndGet(count);
                }
            };
        });
        double[] pos = new double[(int) fill.get()];
        int at = 0;
        for (double[] p; (p = parts.poll()) != null; ) {
            System.arraycopy(p, 0, pos, at, p.length);
            at += p.length;
        }
        if (pos.length == 0) {
            return new long[2];
        }
        Arrays.parallelSort(pos);
        SortedRun run = new SortedRun(pos, 0, pos.length, pos.length);
        double lo = pos[0];
        double hi = pos[pos.length - 1];
        AtomicLong less = new AtomicLong();
        AtomicLong equal = new AtomicLong();
        rows(queries, refs, selfMode, () -> (query, dist, off) -> {
            long l = 0;
            long e = 0;
            for (int j = first(selfMode, query); j < nr; j++) {
                if (positive(queryLabels, refLabels, query, j)) {
                    continue;
                }
                double d = dist[off + j];
                if (d < lo) {
                    continue;
                }
                if (d > hi) {
                    l += pos.length;
                    continue;
                }
                int below = run.lowerBound(d);
                l += below;
                if (run.at(below) == d) {
                    e += run.upperBound(d) - below;
                }
            }
            less.addAndGet(l);
            equal.addAndGet(e);
        });
        return new long[] {less.get(), equal.get()};
    }
}
