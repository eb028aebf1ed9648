package org.metriclab.spark.knn;

import java.io.Serializable;

/**
 * An ascending run {@code values[from .. to)} of float64 values with a bucket index for counting the values below
 * (or at most) a given value: the bucket of v is ⌊(v − min)·buckets/(max − min)⌋ clamped to the buckets, computed
 * in floating point, which is monotone non-decreasing in v. So every value in a lower bucket than d is below d and
 * every value in a higher bucket is above it, and only d's own bucket needs a binary search: exact counts in
 * O(log(bucket size)) whatever the distribution of the values. Used by the Spark engine's pair ROC-AUC counts.
 */
public final class SortedRun implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] values;
    private final int from;
    private final int to;
    private final double lo;
    private final double hi;
    private final double scale;
    private final int buckets;
    private final int[] first;

    /**
     * @param values holds the run, ascending, in {@code [from, to)} (not copied, must not change afterwards)
     * @param buckets the number of buckets (at least 1 is used)
     */
    public SortedRun(double[] values, int from, int to, int buckets) {
        if (from < 0 || to < from || to > values.length) {
            throw new IllegalArgumentException("run [" + from + ", " + to + ") is outside an array of " + values.length);
        }
        this.values = values;
        this.from = from;
        this.to = to;
        this.buckets = Math.max(1, buckets);
        this.lo = to > from ? values[from] : 0.0;
        this.hi = to > from ? values[to - 1] : 0.0;
        this.scale = hi > lo ? this.buckets / (hi - lo) : 0.0;
        this.first = new int[this.buckets + 1];
        int b = 0;
        for (int i = from; i < to; i++) {
            if (i > from && values[i] < values[i - 1]) {
                throw new IllegalArgumentException("run is not ascending at position " + i);
            }
            int bi = bucket(values[i]);
            while (b <= bi) {
                first[b++] = i;
            }
        }
        while (b <= this.buckets) {
            first[b++] = to;
        }
    }

    /** Monotone bucket of d in [0, buckets). */
    private int bucket(double d) {
        double x = (d - lo) * scale;
        // NaN only for 0·∞ (d = lo and an infinite scale): bucket 0, as for every d ≤ lo
        return x >= 1 ? (int) Math.min(buckets - 1, x) : 0;
    }

    /** The number of values in the run. */
    public int size() {
        return to - from;
    }

    /** The value at absolute position {@code i}, or NaN (equal to nothing) at the end of the run. */
    public double at(int i) {
        return i < to ? values[i] : Double.NaN;
    }

    /** The position (absolute, in [from, to]) of the first value ≥ d: position − from values are below d. */
    public int lowerBound(double d) {
        if (to == from || d <= lo) {
            return from;
        }
        return d > hi ? to : searchBucket(d, false);
    }

    /** The position (absolute, in [from, to]) of the first value &gt; d: position − from values are at most d. */
    public int upperBound(double d) {
        if (to == from || d < lo) {
            return from;
        }
        return d >= hi ? to : searchBucket(d, true);
    }

    /** Binary search in d's bucket for the first value above d ({@code pastEqual}) or not below d. */
    private int searchBucket(double d, boolean pastEqual) {
        int b = bucket(d);
        int a = first[b];
        int e = first[b + 1];
        while (a < e) {
            int mid = (a + e) >>> 1;
            if (values[mid] < d || (pastEqual && values[mid] == d)) {
                a = mid + 1;
            } else {
                e = mid;
            }
        }
        return a;
    }
}
