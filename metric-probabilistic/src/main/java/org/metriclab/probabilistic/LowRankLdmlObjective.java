package org.metriclab.probabilistic;

import org.metriclab.probabilistic.optim.Objective;

/**
 * LDML's objective ({@link LdmlObjective}) over a low-rank factor: parameters L (k × d, row-major)
 * followed by b, with W = LᵀL. By the chain rule ∂F/∂L = L(G + Gᵀ) = 2LG for G = ∂F/∂W, which is
 * symmetric; ∂F/∂b is unchanged.
 */
final class LowRankLdmlObjective implements Objective {
    private final LdmlObjective full;
    private final int k;
    private final int d;

    LowRankLdmlObjective(LdmlObjective full, int k, int d) {
        this.full = full;
        this.k = k;
        this.d = d;
    }

    /** [LᵀL, b] for the full objective. */
    double[] metric(double[] x) {
        double[] w = new double[d * d + 1];
        for (int r = 0; r < k; r++) {
            for (int i = 0; i < d; i++) {
                double li = x[r * d + i];
                if (li != 0) {
                    for (int j = 0; j < d; j++) {
                        w[i * d + j] += li * x[r * d + j];
                    }
                }
            }
        }
        w[d * d] = x[k * d];
        return w;
    }

    @Override
    public double value(double[] x) {
        return full.value(metric(x));
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        double[] g = new double[d * d + 1];
        double f = full.valueAndGradient(metric(x), g);
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += x[r * d + i] * (g[i * d + j] + g[j * d + i]);
                }
                gradient[r * d + j] = s;
            }
        }
        gradient[k * d] = g[d * d];
        return f;
    }
}
