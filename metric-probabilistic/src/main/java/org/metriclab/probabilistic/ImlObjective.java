package org.metriclab.probabilistic;

import org.metriclab.probabilistic.optim.Objective;

/**
 * IML's objective over the flattened d × d matrix M:
 * F(M) = a/|S| Σ_S [v_kᵀMv_k − 1]₊ + (1 − a)/|D| Σ_D [1 + margin − v_kᵀMv_k]₊ + λ‖M − I‖²_F,
 * with v_k the difference of pair k. The similar and dissimilar terms are averaged separately, so a
 * (not the pair counts) sets their balance. The (sub)gradient takes the hinge's derivative as 0 at
 * its kink: a/|S| Σ_{S, active} v vᵀ − (1 − a)/|D| Σ_{D, active} v vᵀ + 2λ(M − I).
 */
final class ImlObjective implements Objective {
    private final double[] v;
    private final int m;
    private final int d;
    private final double[] weight;
    private final double[] threshold;
    private final double lambda;

    ImlObjective(double[] differences, int m, int d, boolean[] similar, double a, double margin, double lambda) {
        this.v = differences.clone();
        this.m = m;
        this.d = d;
        int s = 0;
        for (boolean b : similar) {
            s += b ? 1 : 0;
        }
        this.weight = new double[m];
        this.threshold = new double[m];
        for (int k = 0; k < m; k++) {
            // similar: +a/|S|·[q − 1]₊; dissimilar: (1 − a)/|D|·[(1 + margin) − q]₊ written as −w·(q − (1 + margin)) when active
            weight[k] = similar[k] ? a / s : -(1 - a) / (m - s);
            threshold[k] = similar[k] ? 1.0 : 1.0 + margin;
        }
        this.lambda = lambda;
    }

    @Override
    public double value(double[] x) {
        return evaluate(x, null);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        return evaluate(x, gradient);
    }

    private double evaluate(double[] x, double[] gradient) {
        double[] q = QuadraticForms.of(v, m, d, x);
        double f = 0;
        double[] active = new double[m];
        for (int k = 0; k < m; k++) {
            double slack = weight[k] * (q[k] - threshold[k]);
            if (slack > 0) {
                f += slack;
                active[k] = weight[k];
            }
        }
        double reg = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double e = x[i * d + j] - (i == j ? 1.0 : 0.0);
                reg += e * e;
            }
        }
        f += lambda * reg;
        if (gradient != null) {
            double[] wv = new double[m * d];
            for (int k = 0; k < m; k++) {
                for (int j = 0; j < d; j++) {
                    wv[k * d + j] = active[k] * v[k * d + j];
                }
            }
            double[] g = TransposedProduct.of(v, m, d, wv, d);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    gradient[i * d + j] = g[i * d + j] + 2 * lambda * (x[i * d + j] - (i == j ? 1.0 : 0.0));
                }
            }
        }
        return f;
    }
}
