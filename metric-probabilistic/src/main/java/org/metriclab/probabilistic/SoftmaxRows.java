package org.metriclab.probabilistic;

/**
 * Softmax neighbour rows: each row of a distance matrix replaced by the softmax of its negated distances, the
 * neighbour probabilities p_ij of the softmax-neighbour objectives, with a cutoff that skips negligible terms.
 */
final class SoftmaxRows {
    /** Terms more than this above the row minimum are negligible (below e^−50 of the largest). */
    static final double CUTOFF = 50.0;

    private SoftmaxRows() {
    }

    /**
     * Replaces each row of d (n×n, +∞ on the diagonal) by the softmax of −d over k ≠ i, using the
     * row minimum as shift (stable log-sum-exp). Returns lse_i = log Σ_{k≠i} exp(−d_ik). Terms more
     * than {@value #CUTOFF} above the row minimum are set to 0 without calling exp: each is below
     * e^−50 ≈ 2e-22 of the largest term (which is 1), so even 10⁵ of them change the row sum by less than
     * one rounding unit.
     */
    static double[] inPlace(double[] d, int n) {
        double[] lse = new double[n];
        RowTasks.run(n, RowTasks.ROWS, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                lse[i] = row(d, i * n, n);
            }
        });
        return lse;
    }

    /** {@link #inPlace} for the single row d[o..o+n−1]; returns its lse. */
    private static double row(double[] d, int o, int n) {
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            min = Math.min(min, d[o + k]);
        }
        double sum = 0;
        double limit = min + CUTOFF;
        for (int k = 0; k < n; k++) {
            double v = d[o + k];
            double e = v > limit ? 0.0 : Math.exp(min - v);
            d[o + k] = e;
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int k = 0; k < n; k++) {
            d[o + k] *= inv;
        }
        return Math.log(sum) - min;
    }
}
