package org.metriclab.spark.knn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.metriclab.eval.knn.ReferenceTiles;
import org.metriclab.eval.knn.TiledSearch;

/**
 * Exact pair-verification ROC-AUC over all query–reference pairs, as metric-eval's RocAuc defines it: positive =
 * same label, negative = different label, the query's own row excluded in self mode, AUC = (#(pos, neg) with
 * d_pos &lt; d_neg + ½·#(pos, neg) with d_pos = d_neg) / (P·N), NaN without positive or without negative pairs.
 * Both counts are exact integers, so the value is the local one bit for bit (the local evaluator adds its per-chunk
 * counts in float64, exactly while they stay below 2⁵³).
 *
 * <p>Distributed and memory-bounded: every task takes a range of queries and computes their pair distances with
 * metric-eval's exact kernel ({@link ReferenceTiles}). The positive distances (only the positive pairs are computed:
 * queries × relevant references) are gathered in chunks of at most a given number, cut by the top bits of their
 * float64 representation (monotone for non-negative values) when they do not fit at once ({@link #histogram} →
 * {@link #ranges}); each chunk is sorted on the driver ({@link #sorted}), broadcast, and every task counts its
 * queries' negative pairs against it ({@link #count}): 12 bytes per positive of the chunk (value and bucket index).
 * Negatives are never stored.
 */
public final class PairAuc {
    private static final int KEY_SHIFT = 42;
    /** Number of distinct keys: top 21 bits of a non-negative float64. */
    public static final int KEYS = 1 << (63 - KEY_SHIFT);

    private PairAuc() {
    }

    /** {P, N}: the numbers of positive and negative pairs. */
    public static long[] pairs(int[] queryLabels, int[] referenceLabels, boolean selfMode) {
        Map<Integer, Long> sizes = new HashMap<>();
        for (int y : referenceLabels) {
            sizes.merge(y, 1L, Long::sum);
        }
        long positives = 0;
        for (int y : queryLabels) {
            positives += sizes.getOrDefault(y, 0L) - (selfMode ? 1 : 0);
        }
        long all = (long) queryLabels.length * referenceLabels.length - (selfMode ? queryLabels.length : 0);
        return new long[] {positives, all - positives};
    }

    /** The AUC from the exact counts (same float64 expression as the local evaluator). */
    public static double auc(long less, long equal, long positives, long negatives) {
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return ((double) less + 0.5 * (double) equal) / ((double) positives * negatives);
    }

    /**
     * Counts per key of positive pair distances, sparse: the keys in use, ascending, with their counts.
     *
     * @param keys the keys with a positive count, ascending
     * @param counts the count of each key
     */
    public record KeyCounts(int[] keys, long[] counts) implements Serializable {
        public KeyCounts {
            if (keys.length != counts.length) {
                throw new IllegalArgumentException(keys.length + " keys but " + counts.length + " counts");
            }
        }

        /** The counts of both, key by key. */
        public static KeyCounts merge(KeyCounts a, KeyCounts b) {
            int[] keys = new int[a.keys.length + b.keys.length];
            long[] counts = new long[keys.length];
            int i = 0;
            int j = 0;
            int n = 0;
            while (i < a.keys.length || j < b.keys.length) {
                int k = j >= b.keys.length || (i < a.keys.length && a.keys[i] <= b.keys[j]) ? a.keys[i] : b.keys[j];
                long c = 0;
                if (i < a.keys.length && a.keys[i] == k) {
                    c += a.counts[i++];
                }
                if (j < b.keys.length && b.keys[j] == k) {
                    c += b.counts[j++];
                }
                keys[n] = k;
                counts[n++] = c;
            }
            return new KeyCounts(Arrays.copyOf(keys, n), Arrays.copyOf(counts, n));
        }
    }

    /** Counts per key of the positive pair distances of these queries. */
    public static KeyCounts histogram(RetrievalInputs in, RowRange range) {
        long[] h = new long[KEYS];
        forEachPositive(in, range, d -> h[key(d)]++);
        int used = 0;
        for (long c : h) {
            used += c > 0 ? 1 : 0;
        }
        int[] keys = new int[used];
        long[] counts = new long[used];
        int n = 0;
        for (int k = 0; k < KEYS; k++) {
            if (h[k] > 0) {
                keys[n] = k;
                counts[n++] = h[k];
            }
        }
        return new KeyCounts(keys, counts);
    }

    /**
     * Consecutive key ranges {from, to} covering every key, each holding at most {@code chunk} positives.
     *
     * @throws IllegalArgumentException when one key alone holds more than {@code chunk} positives
     */
    public static List<int[]> ranges(KeyCounts histogram, long chunk) {
        List<int[]> out = new ArrayList<>();
        int from = 0;
        long filled = 0;
        for (int i = 0; i < histogram.keys().length; i++) {
            int k = histogram.keys()[i];
            long c = histogram.counts()[i];
            if (c > chunk) {
                throw new IllegalArgumentException("roc_auc: " + c + " positive pairs share nearly the same distance, "
                        + "more than the exact method holds at once (" + chunk + ")");
            }
            if (filled + c > chunk) {
                out.add(new int[] {from, k});
                from = k;
                filled = 0;
            }
            filled += c;
        }
        out.add(new int[] {from, KEYS});
        return out;
    }

    /** The positive pair distances of these queries with keys in [from, to), unordered. */
    public static double[] positives(RetrievalInputs in, RowRange range, int from, int to) {
        double[][] buf = {new double[1024]};
        int[] n = {0};
        forEachPositive(in, range, d -> {
            int k = key(d);
            if (k >= from && k < to) {
                if (n[0] == buf[0].length) {
                    buf[0] = Arrays.copyOf(buf[0], 2 * n[0]);
                }
                buf[0][n[0]++] = d;
            }
        });
        return Arrays.copyOf(buf[0], n[0]);
    }

    /** One chunk's positives from every task, sorted and indexed for counting. */
    public static SortedRun sorted(List<double[]> parts) {
        long total = parts.stream().mapToLong(p -> p.length).sum();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a roc_auc chunk of " + total + " positives does not fit one array");
        }
        double[] all = new double[(int) total];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        Arrays.parallelSort(all);
        return new SortedRun(all, 0, all.length, all.length);
    }

    /**
     * {#(pos, neg) with d_pos &lt; d_neg, #(pos, neg) with d_pos = d_neg} for the positives of {@code chunk} and the
     * negative pairs of these queries, from exact distance rows streamed by {@link TiledSearch}.
     */
    public static long[] count(RetrievalInputs in, RowRange range, SortedRun chunk) {
        if (chunk.size() == 0 || range.size() == 0) {
            return new long[2];
        }
        int[] queryLabels = in.queryLabels();
        int[] referenceLabels = in.referenceLabels();
        Queue<long[]> perVisitor = new ConcurrentLinkedQueue<>();
        TiledSearch.forEachRow(in.queries(), range.from(), range.to(), in.references(), () -> {
            long[] counts = new long[2];
            perVisitor.add(counts);
            return (q, row, off) -> {
                int y = queryLabels[q];
                for (int j = 0; j < referenceLabels.length; j++) {
                    // the query's own row has its label: never a negative
                    if (referenceLabels[j] != y) {
                        double d = row[off + j];
                        int below = chunk.lowerBound(d);
                        counts[0] += below;
                        if (chunk.at(below) == d) {
                            counts[1] += chunk.upperBound(d) - below;
                        }
                    }
                }
            };
        });
        long[] total = new long[2];
        for (long[] c : perVisitor) {
            total = addCounts(total, c);
        }
        return total;
    }

    /** Element-wise sum of two {less, equal} counts. */
    public static long[] addCounts(long[] a, long[] b) {
        return new long[] {a[0] + b[0], a[1] + b[1]};
    }

    private interface DistanceSink {
        void accept(double d);
    }

    private static void forEachPositive(RetrievalInputs in, RowRange range, DistanceSink sink) {
        Map<Integer, int[]> byLabel = rowsByLabel(in.referenceLabels());
        int[] queryLabels = in.queryLabels();
        ReferenceTiles refs = in.references();
        for (int q = range.from(); q < range.to(); q++) {
            int[] rows = byLabel.get(queryLabels[q]);
            if (rows == null) {
                continue;
            }
            for (int j : rows) {
                if (!(in.self() && j == q)) {
                    sink.accept(refs.distance(in.queries(), q, j));
                }
            }
        }
    }

    /** The reference indices of every label, ascending. */
    private static Map<Integer, int[]> rowsByLabel(int[] labels) {
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int y : labels) {
            sizes.merge(y, 1, Integer::sum);
        }
        Map<Integer, int[]> rows = new HashMap<>();
        Map<Integer, Integer> fill = new HashMap<>();
        for (int j = 0; j < labels.length; j++) {
            int y = labels[j];
            int at = fill.merge(y, 1, Integer::sum) - 1;
            rows.computeIfAbsent(y, l -> new int[sizes.get(l)])[at] = j;
        }
        return rows;
    }

    private static int key(double d) {
        return (int) (Double.doubleToRawLongBits(d) >>> KEY_SHIFT);
    }
}
