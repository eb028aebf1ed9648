package org.metriclab.eval.knn;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exact pair-verification ROC-AUC over all query–reference pairs (self pairs excluded in self mode):
 * positive = same label, score = −squared distance. AUC = (#(pos, neg) with d_pos &lt; d_neg
 * + ½ #(pos, neg) with d_pos = d_neg) / (P·N), the Mann–Whitney statistic with ties counted one half.
 *
 * <p>Two streaming passes over the distance tiles: the first collects the P positive distances (sorted, with a
 * bucket index), the second counts for every negative the positives below and equal to it. Memory is
 * 12 bytes per positive pair, refused beyond {@link #MAX_POSITIVES}; negatives are never stored.
 * NaN when there is no positive or no negative pair.
 */
public final class RocAuc {
    /** Most positive pairs held (12 bytes each: about 1.5 GiB). */
    public static final long MAX_POSITIVES = 1L << 27;

    private RocAuc() {
    }

    public static double compute(Embeddings queries, int[] queryLabels, ReferenceTiles refs, int[] refLabels, boolean selfMode) {
        int nq = queries.rows();
        int nr = refs.rows();
        java.util.Map<Integer, Long> refCounts = new java.util.HashMap<>();
        for (int l : refLabels) {
            refCounts.merge(l, 1L, Long::sum);
        }
        long positives = 0;
        for (int q = 0; q < nq; q++) {
            positives += refCounts.getOrDefault(queryLabels[q], 0L) - (selfMode ? 1 : 0);
        }
        long negatives = (long) nq * nr - (selfMode ? nq : 0) - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        if (positives > MAX_POSITIVES) {
            throw new IllegalArgumentException("roc_auc: " + positives + " positive pairs exceed the exact method's limit of "
                    + MAX_POSITIVES + " (" + MAX_POSITIVES * 12 / (1 << 20) + " MiB); evaluate on a subset of the queries");
        }
        double[] pos = new double[(int) positives];
        AtomicLong fill = new AtomicLong();
        TiledSearch.forEachRow(queries, refs, () -> {
            double[] local = new double[nr];
            return (query, dist, off) -> {
            int y = queryLabels[query];
            int count = 0;
            for (int j = 0; j < nr; j++) {
                if (refLabels[j] == y && !(selfMode && j == query)) {
                    local[count++] = dist[off + j];
                }
            }
            int at = (int) fill.getAndAdd(count);
            System.arraycopy(local, 0, pos, at, count);
            };
        });
        Arrays.parallelSort(pos);
        double lo = pos[0];
        double hi = pos[pos.length - 1];
        int buckets = pos.length;
        double scale = hi > lo ? buckets / (hi - lo) : 0.0;
        int[] first = new int[buckets + 1];
        int b = 0;
        for (int i = 0; i < pos.length; i++) {
            int bi = bucket(pos[i], lo, hi, scale, buckets);
            while (b <= bi) {
                first[b++] = i;
            }
        }
        while (b <= buckets) {
            first[b++] = pos.length;
        }
        AtomicLong less = new AtomicLong();
        AtomicLong equal = new AtomicLong();
        TiledSearch.forEachRow(queries, refs, () -> (query, dist, off) -> {
            int y = queryLabels[query];
            long l = 0;
            long e = 0;
            for (int j = 0; j < nr; j++) {
                if (refLabels[j] == y || (selfMode && j == query)) {
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
                int bk = bucket(d, lo, hi, scale, buckets);
                int c = first[bk];
                while (c < pos.length && pos[c] < d) {
                    c++;
                }
                l += c;
                while (c < pos.length && pos[c] == d) {
                    c++;
                    e++;
                }
            }
            less.addAndGet(l);
            equal.addAndGet(e);
        });
        return (less.get() + 0.5 * equal.get()) / ((double) positives * negatives);
    }

    private static int bucket(double d, double lo, double hi, double scale, int buckets) {
        if (d >= hi) {
            return buckets - 1;
        }
        return Math.min(buckets - 1, (int) ((d - lo) * scale));
    }
}
