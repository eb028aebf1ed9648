package org.metriclab.eval.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's (1979) step-down correction for m simultaneous tests. With p sorted ascending,
 * {@code p̃_(i) = max_{j ≤ i} min(1, (m − j + 1) · p_(j))}; returned in the input order. Reject H_i at
 * family-wise level α when p̃_i ≤ α.
 */
public final class Holm {
    private Holm() {
    }

    public static double[] adjust(double[] pValues) {
        Checks.finite(pValues, "p-values");
        for (int i = 0; i < pValues.length; i++) {
            if (pValues[i] < 0 || pValues[i] > 1) {
                throw new IllegalArgumentException("p-values[" + i + "] is " + pValues[i] + ": expected a probability in [0, 1]");
            }
        }
        int m = pValues.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] out = new double[m];
        double running = 0;
        for (int r = 0; r < m; r++) {
            running = Math.max(running, Math.min(1, (m - r) * pValues[order[r]]));
            out[order[r]] = running;
        }
        return out;
    }
}
