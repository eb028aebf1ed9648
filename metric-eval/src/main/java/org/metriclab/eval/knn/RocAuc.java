package org.metriclab.eval.knn;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.stream.IntStream;

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
 * <p>Memory-bounded and exact. A non-negative float64 is ordered like its 64-bit pattern, split here into a coarse key
 * (the top 22 bits: exponent and 10 mantissa bits), a fine key (the next 10 bits) and a 32-bit residual:
 * <ol>
 *   <li>count the positives per (coarse, fine) bucket — counters are allocated only for the coarse keys that occur;
 *   <li>per chunk (a range of coarse keys holding at most {@link #CHUNK} positives): store each positive's residual
 *       at its bucket's place in one {@code int[]} (4 bytes per positive, the bucket being implied by the place),
 *       sort each bucket, then count for every negative the positives below and equal to it: those of the lower
 *       buckets come from the bucket offsets, those of its own bucket from a binary search over residuals.
 * </ol>
 * No float64 value is rounded on the way, so the counts are exact for any data. The positive distances are computed
 * label by label over copies of each label's rows (a tenth of all pairs for ten balanced classes), so only the
 * counting of the negatives is a full pass over all pairs, once per chunk. The placing and the counting go through
 * per-thread batches sorted by bucket, so that they walk the offsets and residuals forward instead of jumping for
 * every pair. At 70,000 × 64 in self mode (245 M positives, 2.2 G negatives) everything fits one chunk: one full
 * pass over all pairs and 4 bytes per positive.
 */
public final class RocAuc {
    /** Most positives held at once: their residuals take 4 bytes each (1 GiB). */
    public static final int CHUNK = 1 << 28;
    private static final int COARSE_SHIFT = 42;
    private static final int FINE_SHIFT = 32;
    private static final int FINE = 1 << (COARSE_SHIFT - FINE_SHIFT);
    private static final int COARSE = 1 << (63 - COARSE_SHIFT);
    /** Most coarse keys with positives (each costs 4 KiB of counters): 64 binades of fully spread distances. */
    private static final int MAX_COARSE_USED = 64 * FINE;
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    private RocAuc() {
    }

    public static double compute(EmbeddingRows queries, int[] queryLabels, ReferenceTiles refs, int[] refLabels, boolean selfMode) {
        return compute(queries, queryLabels, refs, refLabels, selfMode, CHUNK);
    }

    static double compute(EmbeddingRows queries, int[] queryLabels, ReferenceTiles refs, int[] refLabels, boolean selfMode, int chunk) {
        PairCounts pairCounts = PairCounts.of(queryLabels, refLabels, selfMode);
        long positives = pairCounts.positives();
        long negatives = pairCounts.negatives();
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        Pairs pairs = Pairs.of(queries, queryLabels, refs, refLabels, selfMode);
        int[][] counts = fineCounts(pairs);
        double less = 0;
        double equal = 0;
        for (int[] range : chunks(counts, chunk, positives)) {
            long[] c = countChunk(pairs, counts, range[0], range[1], negatives);
            less += c[0];
            equal += c[1];
        }
        return (less + 0.5 * equal) / ((double) positives * negatives);
    }

    /**
     * The pairs counted: every query's distance row, in self mode only its entries after the query; and, label by
     * label, the rows of that label's queries and references for the positive pairs alone.
     */
    private record Pairs(EmbeddingRows queries, int[] queryLabels, ReferenceTiles refs, int[] refLabels, boolean selfMode,
                         List<int[][]> labels) {
        static Pairs of(EmbeddingRows queries, int[] queryLabels, ReferenceTiles refs, int[] refLabels, boolean selfMode) {
            Map<Integer, List<Integer>> refRows = rowsByLabel(refLabels);
            Map<Integer, List<Integer>> queryRows = selfMode ? refRows : rowsByLabel(queryLabels);
            List<int[][]> labels = new ArrayList<>();
            refRows.forEach((label, rows) -> {
                List<Integer> own = queryRows.get(label);
                if (own != null) {
                    labels.add(new int[][] {own.stream().mapToInt(Integer::intValue).toArray(),
                        rows.stream().mapToInt(Integer::intValue).toArray()});
                }
            });
            return new Pairs(queries, queryLabels, refs, refLabels, selfMode, labels);
        }

        private static Map<Integer, List<Integer>> rowsByLabel(int[] labels) {
            Map<Integer, List<Integer>> rows = new HashMap<>();
            for (int i = 0; i < labels.length; i++) {
                rows.computeIfAbsent(labels[i], l -> new ArrayList<>()).add(i);
            }
            return rows;
        }

        /**
         * Every positive pair's distance, and only those: label by label, the tiled exact kernel over copies of that
         * label's rows (made for the call and dropped after it, so at most one label's copy is held; the same sums in
         * the same order, so bit for bit the values of the full rows), each call handing one query's distances to
         * the references of its label (in self mode those after it). With ten balanced classes this is about a tenth
         * of a full pass.
         */
        void positives(Supplier<? extends PositiveRow> sinks) {
            for (int[][] label : labels) {
                int n = label[1].length;
                if (selfMode) {
                    EmbeddingRows own = queries.subset(label[0]);
                    TiledSearch.forEachRowAfterSelf(own, new ReferenceTiles(own), () -> {
                        PositiveRow sink = sinks.get();
                        return (a, dist, off) -> sink.accept(dist, off + a + 1, n - a - 1);
                    });
                } else {
                    TiledSearch.forEachRow(queries.subset(label[0]), refs.subset(label[1]), () -> {
                        PositiveRow sink = sinks.get();
                        return (a, dist, off) -> sink.accept(dist, off, n);
                    });
                }
            }
        }

        void rows(Supplier<? extends TiledSearch.RowVisitor> visitors) {
            if (selfMode) {
                TiledSearch.forEachRowAfterSelf(queries, refs, visitors);
            } else {
                TiledSearch.forEachRow(queries, refs, visitors);
            }
        }

        /** The first reference of a query's row that is counted: all of them, or in self mode those after the query. */
        int first(int query) {
            return selfMode ? query + 1 : 0;
        }

        boolean positive(int query, int j) {
            return refLabels[j] == queryLabels[query];
        }
    }

    /**
     * Pass 1: per coarse key with positives, FINE counters (its positives per fine key); null for coarse keys
     * without positives.
     */
    private static int[][] fineCounts(Pairs pairs) {
        AtomicReferenceArray<int[]> blocks = new AtomicReferenceArray<>(COARSE);
        AtomicInteger used = new AtomicInteger();
        pairs.positives(() -> (dist, from, count) -> {
            for (int k = from; k < from + count; k++) {
                long bits = Double.doubleToRawLongBits(dist[k]);
                int c = (int) (bits >>> COARSE_SHIFT);
                int[] block = blocks.get(c);
                if (block == null) {
                    block = allocate(blocks, c, used);
                }
                INTS.getAndAdd(block, (int) (bits >>> FINE_SHIFT) & (FINE - 1), 1);
            }
        });
        int[][] out = new int[COARSE][];
        for (int c = 0; c < COARSE; c++) {
            out[c] = blocks.get(c);
        }
        return out;
    }

    private static int[] allocate(AtomicReferenceArray<int[]> blocks, int c, AtomicInteger used) {
        int[] fresh = new int[FINE];
        if (blocks.compareAndSet(c, null, fresh)) {
            if (used.incrementAndGet() > MAX_COARSE_USED) {
                throw new IllegalArgumentException("roc_auc: the positive-pair distances occupy more than " + MAX_COARSE_USED
                        + " ranges of 1/" + FINE + " of a factor of two (a spread over more than " + MAX_COARSE_USED / FINE
                        + " factors of two); the exact count keeps counters for at most that many");
            }
            return fresh;
        }
        return blocks.get(c);
    }

    /**
     * Ranges [from, to) of coarse keys holding at most {@code chunk} positives each, covering every positive. The
     * counters must add up to the known number of positives (an int counter wraps only beyond 2³¹ positives at one
     * distance, which is then reported like any bucket over the chunk size).
     */
    private static List<int[]> chunks(int[][] counts, int chunk, long positives) {
        List<int[]> ranges = new ArrayList<>();
        long counted = 0;
        int from = -1;
        int last = -1;
        long filled = 0;
        for (int c = 0; c < COARSE; c++) {
            if (counts[c] == null) {
                continue;
            }
            last = c;
            long n = 0;
            for (int f = 0; f < FINE; f++) {
                n += counts[c][f];
            }
            counted += n;
            if (n > chunk || n < 0) {
                throw tooManyAlike(n, chunk);
            }
            if (from >= 0 && filled + n > chunk) {
                ranges.add(new int[] {from, c});
                from = -1;
            }
            if (from < 0) {
                from = c;
                filled = 0;
            }
            filled += n;
        }
        if (counted != positives) {
            // only a counter that wrapped (more than 2³¹ positives at one distance) can do this
            throw positives > Integer.MAX_VALUE ? tooManyAlike(positives - counted, chunk)
                    : new IllegalStateException("roc_auc: counted " + counted + " positive pairs, expected " + positives);
        }
        if (from >= 0) {
            ranges.add(new int[] {from, last + 1});
        }
        return ranges;
    }

    private static IllegalArgumentException tooManyAlike(long n, int chunk) {
        return new IllegalArgumentException("roc_auc: " + (n < 0 || n > Integer.MAX_VALUE ? "more than 2^31" : n)
                + " positive pairs share nearly the same distance, more than the exact method holds at once (" + chunk + ")");
    }

    /**
     * Passes 2 and 3 for the positives with coarse keys in [from, to): {#(pos, neg) with pos &lt; neg, #(pos, neg)
     * with pos = neg}.
     */
    private static long[] countChunk(Pairs pairs, int[][] counts, int from, int to, long negatives) {
        int nr = pairs.refs().rows();
        // slot[c − from]: the place of coarse key c's fine offsets in one flat array (−1 without positives), and
        // below[c − from]: the chunk's positives with a lower coarse key. offsets[FINE·slot + f] is first the running
        // total up to and including fine bucket f, turned into its start by the filling below; the entry after a
        // coarse key's last fine bucket is its end.
        int[] slot = new int[to - from];
        int[] below = new int[to - from];
        int used = 0;
        for (int c = from; c < to; c++) {
            slot[c - from] = counts[c] == null ? -1 : used++;
        }
        int[] offsets = new int[used * FINE + 1];
        int total = 0;
        for (int c = from; c < to; c++) {
            below[c - from] = total;
            int[] block = counts[c];
            if (block != null) {
                int base = slot[c - from] * FINE;
                for (int f = 0; f < FINE; f++) {
                    total += block[f];
                    offsets[base + f] = total;
                }
            }
        }
        offsets[used * FINE] = total;
        int chunkPositives = total;
        int[] residuals = new int[chunkPositives];
        int bucketBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, used * FINE - 1));
        int threads = ForkJoinPool.getCommonPoolParallelism();
        // pass 2: every positive's residual at its bucket's place (a run of one bucket takes its places at once)
        EntryBatch.perThread(bucketBits, (int) Math.min(EntryBatch.CAPACITY, Math.max(1024, chunkPositives / threads)),
                () -> (sorted, size) -> {
                    for (int k = 0; k < size; ) {
                        int at = (int) (sorted[k] >>> 32);
                        int run = k + 1;
                        while (run < size && (int) (sorted[run] >>> 32) == at) {
                            run++;
                        }
                        int place = (int) INTS.getAndAdd(offsets, at, k - run) + k - run;
                        for (; k < run; k++) {
                            residuals[place++] = residual(sorted[k]);
                        }
                    }
                },
                local -> pairs.positives(() -> {
                    EntryBatch batch = local.get();
                    return (dist, first, count) -> {
                        for (int k = first; k < first + count; k++) {
                            long bits = Double.doubleToRawLongBits(dist[k]);
                            int c = (int) (bits >>> COARSE_SHIFT);
                            if (c >= from && c < to) {
                                batch.add(entry(slot[c - from], bits));
                            }
                        }
                    };
                }));
        IntStream.range(0, used).parallel().forEach(u -> {
            for (int at = u * FINE; at < (u + 1) * FINE; at++) {
                if (offsets[at + 1] - offsets[at] > 1) {
                    Arrays.sort(residuals, offsets[at], offsets[at + 1]);
                }
            }
        });
        // pass 3: every negative against the chunk's positives: those of the lower buckets from the offsets, those
        // of its own bucket by a binary search over their residuals
        List<NegativeCounter> counters = EntryBatch.perThread(bucketBits,
                (int) Math.min(EntryBatch.CAPACITY, Math.max(1024, negatives / threads)),
                () -> new NegativeCounter(offsets, residuals),
                local -> pairs.rows(() -> {
                    EntryBatch batch = local.get();
                    return (query, dist, off) -> {
                        long l = 0;
                        for (int j = pairs.first(query); j < nr; j++) {
                            if (pairs.positive(query, j)) {
                                continue;
                            }
                            long bits = Double.doubleToRawLongBits(dist[off + j]);
                            int c = (int) (bits >>> COARSE_SHIFT);
                            if (c < from) {
                                continue;
                            }
                            if (c >= to) {
                                l += chunkPositives;
                                continue;
                            }
                            int u = slot[c - from];
                            if (u < 0) {
                                l += below[c - from];
                                continue;
                            }
                            batch.add(entry(u, bits));
                        }
                        batch.direct += l;
                    };
                }));
        long less = 0;
        long equal = 0;
        for (NegativeCounter counter : counters) {
            less += counter.less;
            equal += counter.equal;
        }
        return new long[] {less, equal};
    }

    /** A batch entry: the flat fine-bucket index (coarse slot, fine key) above the low 32 bits of the distance. */
    private static long entry(int slot, long bits) {
        return (long) (slot * FINE + ((int) (bits >>> FINE_SHIFT) & (FINE - 1))) << 32 | (bits & 0xFFFF_FFFFL);
    }

    /** A query's positive pair distances, dist[from .. from + count). */
    private interface PositiveRow {
        void accept(double[] dist, int from, int count);
    }

    /** The low 32 bits of a float64 pattern, flipped so that signed int order is their unsigned order. */
    static int residual(long bits) {
        return (int) bits ^ Integer.MIN_VALUE;
    }
}
