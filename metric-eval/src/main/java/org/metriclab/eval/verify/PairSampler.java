package org.metriclab.eval.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.metriclab.core.resource.MemoryBudget;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.PairCounts;
import org.metriclab.eval.knn.ReferenceTiles;
import org.metriclab.eval.knn.TiledSearch;

/**
 * Collects the squared distances of the verification pairs: every query–reference pair (in self mode every
 * unordered pair i &lt; j once, like roc_auc), split by label into same-label and different-label strata.
 * Distances come from the exact tiled kernel that roc_auc and the rankings use.
 *
 * <p>When a stratum has more pairs than {@code maxPerStratum}, it is sampled: pair (i, j) is kept when a hash of
 * (seed, i, j) falls below maxPerStratum / count, so the sample is the same for a given seed whatever the thread
 * order, and its size (binomial around maxPerStratum) is what the pair-count measures report.
 */
public final class PairSampler {
    /** Default most pairs held per stratum: 64 Mi distances, 512 MiB. */
    public static final long DEFAULT_MAX_PER_STRATUM = 1L << 26;

    private PairSampler() {
    }

    /** The pairs, each stratum capped at the default size or at an eighth of the heap, whichever is smaller. */
    public static PairSample collect(EmbeddingRows queries, int[] queryLabels, ReferenceTiles refs, int[] refLabels,
                                     boolean selfMode, long seed) {
        long heapCap = MemoryBudget.heapLimit() / 8 / (2 * MemoryBudget.DOUBLE);
        return collect(queries, queryLabels, refs, refLabels, selfMode, seed, Math.max(1, Math.min(DEFAULT_MAX_PER_STRATUM, heapCap)));
    }

    /** The pairs with each stratum capped at {@code maxPerStratum} (sampled above it). */
    public static PairSample collect(EmbeddingRows queries, int[] queryLabels, ReferenceTiles refs, int[] refLabels,
                                     boolean selfMode, long seed, long maxPerStratum) {
        if (maxPerStratum < 1) {
            throw new IllegalArgumentException("maxPerStratum must be positive, got " + maxPerStratum);
        }
        int nq = queries.rows();
        int nr = refs.rows();
        PairCounts counts = PairCounts.of(queryLabels, refLabels, selfMode);
        long positives = counts.positives();
        long negatives = counts.negatives();
        double posRate = positives <= maxPerStratum ? 1.0 : maxPerStratum / (double) positives;
        double negRate = negatives <= maxPerStratum ? 1.0 : maxPerStratum / (double) negatives;
        long expected = Math.min(positives, maxPerStratum) + Math.min(negatives, maxPerStratum);
        // the per-block buffers (grown by doubling) and the merged arrays: at most three doubles per kept pair, plus slack for the sample's spread
        MemoryBudget.require(MemoryBudget.bytes(expected + expected / 8 + 1024, 3 * MemoryBudget.DOUBLE),
                "verification measures on " + expected + " pair distances",
                "evaluate fewer queries or references");
        long posThreshold = keepBelow(posRate);
        long negThreshold = keepBelow(negRate);
        List<Stratum[]> blocks = Collections.synchronizedList(new ArrayList<>());
        Supplier<TiledSearch.RowVisitor> visitors = () -> {
            Stratum pos = new Stratum();
            Stratum neg = new Stratum();
            blocks.add(new Stratum[] {pos, neg});
            return (query, dist, off) -> {
                int label = queryLabels[query];
                for (int j = selfMode ? query + 1 : 0; j < nr; j++) {
                    boolean same = refLabels[j] == label;
                    long keep = same ? posThreshold : negThreshold;
                    if (keep == Long.MAX_VALUE || (mix(seed, query, j) >>> 1) < keep) {
                        (same ? pos : neg).add(dist[off + j]);
                    }
                }
            };
        };
        if (selfMode) {
            TiledSearch.forEachRowAfterSelf(queries, refs, visitors);
        } else {
            TiledSearch.forEachRow(queries, refs, visitors);
        }
        return new PairSample(merge(blocks, 0), merge(blocks, 1), posRate < 1 || negRate < 1);
    }

    /** The 63-bit hash bound below which a pair is kept at this rate (every pair at rate 1). */
    private static long keepBelow(double rate) {
        return rate >= 1 ? Long.MAX_VALUE : (long) (rate * 0x1p63);
    }

    /** A SplitMix64 hash of (seed, query, reference). */
    static long mix(long seed, int query, int reference) {
        long z = seed ^ ((long) query << 32 | (reference & 0xFFFF_FFFFL));
        z += 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        z = z ^ (z >>> 31);
        z += 0x9E37_79B9_7F4A_7C15L * (seed | 1);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    private static double[] merge(List<Stratum[]> blocks, int which) {
        long total = 0;
        for (Stratum[] b : blocks) {
            total += b[which].size;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("verification measures: " + total + " pair distances exceed one array;"
                    + " evaluate fewer queries or references");
        }
        double[] out = new double[(int) total];
        int at = 0;
        for (Stratum[] b : blocks) {
            System.arraycopy(b[which].values, 0, out, at, b[which].size);
            at += b[which].size;
            b[which].values = null;
        }
        Arrays.sort(out);
        return out;
    }

    /** One block's kept distances of one stratum, grown by doubling. */
    private static final class Stratum {
        double[] values = new double[256];
        int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }
    }
}
