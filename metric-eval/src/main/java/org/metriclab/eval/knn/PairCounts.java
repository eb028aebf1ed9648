package org.metriclab.eval.knn;

import java.util.HashMap;
import java.util.Map;

/**
 * How many same-label (positive) and different-label (negative) query–reference pairs an evaluation has,
 * counted from the labels alone. In self mode a row is not paired with itself and each unordered pair
 * counts once.
 *
 * @param positives same-label pairs
 * @param negatives different-label pairs
 */
public record PairCounts(long positives, long negatives) {
    /** The counts for queries labelled {@code queryLabels} against references labelled {@code refLabels}. */
    public static PairCounts of(int[] queryLabels, int[] refLabels, boolean selfMode) {
        Map<Integer, Long> refCounts = new HashMap<>();
        for (int l : refLabels) {
            refCounts.merge(l, 1L, Long::sum);
        }
        long positives = 0;
        for (int label : queryLabels) {
            positives += refCounts.getOrDefault(label, 0L) - (selfMode ? 1 : 0);
        }
        int nq = queryLabels.length;
        long negatives = (long) nq * refLabels.length - (selfMode ? nq : 0) - positives;
        return selfMode ? new PairCounts(positives / 2, negatives / 2) : new PairCounts(positives, negatives);
    }
}
