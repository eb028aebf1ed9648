package org.metriclab.eval.stats;

import java.util.Arrays;
import java.util.Comparator;

/** Mid-ranks (ties get the mean of the ranks they span), 1 = smallest; and the tie-group sizes. */
final class Ranks {
    private Ranks() {
    }

    /** Ranks of {@code values} in ascending order, ties averaged. */
    static double[] ascending(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                ranks[order[t]] = mid;
            }
            i = j + 1;
        }
        return ranks;
    }

    /** Σ (t³ − t) over the groups of tied values (0 without ties). */
    static double tieSum(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double t = j - i + 1;
            sum += t * t * t - t;
            i = j + 1;
        }
        return sum;
    }
}
