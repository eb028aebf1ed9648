package org.metriclab.eval.knn;

/** Counts, for sorted entries of negatives, the chunk's positives below and equal to each. */
final class NegativeCounter implements EntryBatch.Action {
    private final int[] offsets;
    private final int[] residuals;
    long less;
    long equal;

    NegativeCounter(int[] offsets, int[] residuals) {
        this.offsets = offsets;
        this.residuals = residuals;
    }

    @Override
    public void accept(long[] sorted, int size) {
        long l = 0;
        long e = 0;
        for (int k = 0; k < size; k++) {
            long entry = sorted[k];
            int at = (int) (entry >>> 32);
            int start = offsets[at];
            int end = offsets[at + 1];
            int r = RocAuc.residual(entry);
            int lo = lowerBound(residuals, start, end, r);
            l += lo;
            if (lo < end && residuals[lo] == r) {
                e += upperBound(residuals, lo, end, r) - lo;
            }
        }
        less += l;
        equal += e;
    }

    /** The first index in the ascending a[from, to) whose value is above v (to if none). */
    private static int upperBound(int[] a, int from, int to, int v) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first index in the ascending a[from, to) whose value is not below v (to if none). */
    private static int lowerBound(int[] a, int from, int to, int v) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
