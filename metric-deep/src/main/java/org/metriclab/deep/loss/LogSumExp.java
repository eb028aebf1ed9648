package org.metriclab.deep.loss;

/** Stable log-sum-exp with its softmax (the gradient), as {@code lmu.logsumexp}. */
final class LogSumExp {
    private LogSumExp() {
    }

    /**
     * log(Σ exp(v[k]) [+ 1 when addOne]) over the first {@code len} values; writes d/dv into {@code soft}.
     * Returns 0 with zero gradient when {@code len == 0} (PML masks empty rows to 0).
     */
    static double of(double[] v, int len, boolean addOne, double[] soft) {
        if (len == 0) {
            return 0;
        }
        double mx = addOne ? 0 : Double.NEGATIVE_INFINITY;
        for (int k = 0; k < len; k++) {
            mx = Math.max(mx, v[k]);
        }
        double s = addOne ? Math.exp(-mx) : 0;
        for (int k = 0; k < len; k++) {
            soft[k] = Math.exp(v[k] - mx);
            s += soft[k];
        }
        for (int k = 0; k < len; k++) {
            soft[k] /= s;
        }
        return mx + Math.log(s);
    }

    /** torch's softplus (beta 1, threshold 20: linear above 20). */
    static double softplus(double x) {
        return x > 20 ? x : Math.log1p(Math.exp(x));
    }

    static double softplusGrad(double x) {
        return x > 20 ? 1 : 1 / (1 + Math.exp(-x));
    }
}
