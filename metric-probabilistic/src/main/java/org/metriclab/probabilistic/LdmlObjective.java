package org.metriclab.probabilistic;

import org.metriclab.probabilistic.optim.Objective;

/**
 * The logistic pair likelihood of LDML (Guillaumin, Verbeek &amp; Schmid, ICCV 2009) over the
 * parameters (W, b), flattened as W's d² entries followed by b: p_k = σ(b − v_kᵀWv_k) for the
 * difference v_k of pair k, t_k = 1 for similar pairs and 0 otherwise, and
 * F = (1/m) Σ_k [−t_k ln p_k − (1 − t_k) ln(1 − p_k)] + (λ/2)‖W‖²_F, computed with stable softplus.
 * ∂F/∂W = (1/m) Σ_k (t_k − p_k) v_k v_kᵀ + λW and ∂F/∂b = (1/m) Σ_k (p_k − t_k).
 */
final class LdmlObjective implements Objective {
    private final double[] v;
    private final int m;
    private final int d;
    private final double[] t;
    private final double regularization;

    LdmlObjective(double[] differences, int m, int d, boolean[] similar, double regularization) {
        this.v = differences.clone();
        this.m = m;
        this.d = d;
        this.t = new double[m];
        for (int k = 0; k < m; k++) {
            t[k] = similar[k] ? 1.0 : 0.0;
        }
        this.regularization = regularization;
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
        double b = x[d * d];
        double[] q = QuadraticForms.of(v, m, d, x);
        double f = 0;
        double[] residual = new double[m];
        double gb = 0;
        for (int k = 0; k < m; k++) {
            double u = b - q[k];
            f += t[k] * softplus(-u) + (1 - t[k]) * softplus(u);
            double p = sigmoid(u);
            residual[k] = (t[k] - p) / m;
            gb += (p - t[k]) / m;
        }
        f /= m;
        double norm2 = 0;
        for (int k = 0; k < d * d; k++) {
            norm2 += x[k] * x[k];
        }
        f += 0.5 * regularization * norm2;
        if (gradient != null) {
            double[] wv = new double[m * d];
            for (int k = 0; k < m; k++) {
                for (int j = 0; j < d; j++) {
                    wv[k * d + j] = residual[k] * v[k * d + j];
                }
            }
            double[] g = TransposedProduct.of(v, m, d, wv, d);
            for (int k = 0; k < d * d; k++) {
                gradient[k] = g[k] + regularization * x[k];
            }
            gradient[d * d] = gb;
        }
        return f;
    }

    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }
}
