package org.metriclab.spark.knn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rank of every relevant reference of every query over the whole ranking, for mean_average_precision, in two
 * passes over the reference blocks per batch of queries: {@link RelevantLists#gather} lists every query's relevant
 * references in ranking order (cost: queries × relevant references distances), then {@link #count} counts, per
 * block, every other reference into {@code before[c]}, c = the number of relevant references ranked before it (the
 * query itself, relevant-labelled, is never counted). Summed over the blocks, the i-th relevant reference (0-based)
 * has rank {@code p_i = i + 1 + Σ_{b ≤ i} before[b]} — the ranks metric-eval's RankScanner computes from one full
 * distance row, so AP = Σ_i (i + 1)/p_i / R is the same float64 value. Batches hold at most a given number of
 * relevant references (at least one query each), which bounds every task's and the driver's memory.
 */
public final class FullRanks {
    private FullRanks() {
    }

    /**
     * The queries with at least one relevant reference, ascending, cut into consecutive batches of at most
     * {@code budget} relevant references in total (a query with more forms a batch alone).
     */
    public static List<int[]> batches(int[] queryLabels, int[] referenceLabels, boolean selfMode, long budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("relevant references per batch must be >= 1, got " + budget);
        }
        Map<Integer, Integer> sizes = classSizes(referenceLabels);
        List<int[]> out = new ArrayList<>();
        List<Integer> batch = new ArrayList<>();
        long filled = 0;
        for (int q = 0; q < queryLabels.length; q++) {
            int r = sizes.getOrDefault(queryLabels[q], 0) - (selfMode ? 1 : 0);
            if (r <= 0) {
                continue;
            }
            if (!batch.isEmpty() && filled + r > budget) {
                out.add(batch.stream().mapToInt(Integer::intValue).toArray());
                batch.clear();
                filled = 0;
            }
            batch.add(q);
            filled += r;
        }
        if (!batch.isEmpty()) {
            out.add(batch.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /**
     * For query i of the batch {@code ids}, {@code before[c]} at {@code out[start(i) + c]} (c = 0..R_i,
     * start(i) = Σ_{i' < i} (R_{i'} + 1)): how many references of {@code block} with another label than the query's
     * have c of the query's relevant references ({@code lists}, complete) ranked before them.
     */
    public static int[] count(ReferenceBlock block, double[] queries, int[] ids, int[] queryLabels, int[] referenceLabels,
                              RelevantLists lists) {
        if (lists.queries() != ids.length) {
            throw new IllegalArgumentException("relevant lists of " + lists.queries() + " queries for a batch of " + ids.length);
        }
        int dim = block.dim();
        int[] out = new int[lists.total() + ids.length];
        double[] acc = new double[ReferenceBlock.WIDTH];
        int start = 0;
        for (int i = 0; i < ids.length; i++) {
            int y = queryLabels[ids[i]];
            SortedRun run = lists.run(i);
            for (int tile = 0; tile < block.tiles(); tile++) {
                int width = block.width(tile);
                block.distances(queries, ids[i] * dim, tile, width, acc);
                for (int j = 0; j < width; j++) {
                    int g = block.offset() + tile * ReferenceBlock.WIDTH + j;
                    if (referenceLabels[g] != y) {
                        out[start + lists.countBefore(run, i, acc[j], g)]++;
                    }
                }
            }
            start += lists.size(i) + 1;
        }
        return out;
    }

    /** Element-wise sum of two count arrays of the same batch. */
    public static int[] add(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("cannot add counts of lengths " + a.length + " and " + b.length);
        }
        int[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    /**
     * From the complete lists and the counts summed over all blocks, every query's average precision
     * Σ_i (i + 1)/p_i / R into {@code averagePrecision[id]} and p_1 into {@code firstRank[id]}.
     */
    public static void ranks(int[] ids, RelevantLists lists, int[] before, double[] averagePrecision, long[] firstRank) {
        int start = 0;
        for (int i = 0; i < ids.length; i++) {
            int r = lists.size(i);
            long others = 0;
            double s = 0;
            for (int k = 0; k < r; k++) {
                others += before[start + k];
                long rank = k + 1 + others;
                if (k == 0) {
                    firstRank[ids[i]] = rank;
                }
                s += (k + 1) / (double) rank;
            }
            averagePrecision[ids[i]] = s / r;
            start += r + 1;
        }
    }

    private static Map<Integer, Integer> classSizes(int[] labels) {
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int y : labels) {
            sizes.merge(y, 1, Integer::sum);
        }
        return sizes;
    }
}
