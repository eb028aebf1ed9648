package org.metriclab.probabilistic;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.metriclab.probabilistic.optim.Objective;

/**
 * PCCA's objective (Mignon & Jurie 2012) on the flat k × d matrix L, for pair differences v_m with
 * labels y_m = +1 (similar) or −1 (dissimilar):
 * f(L) = (1/m) Σ_m ℓ_β(y_m (‖L v_m‖² − 1)) + λ ‖L‖²_F, with the generalised logistic loss
 * ℓ_β(x) = (1/β) log(1 + e^{βx}) (a smooth hinge that pushes similar pairs below distance 1 and
 * dissimilar ones above it). Gradient: (2/m) Σ_m y_m σ(β y_m (‖L v_m‖² − 1)) (L v_m) v_mᵀ + 2λL.
 */
record PccaObjective(double[] v, int m, int d, int k, boolean[] similar, double beta, double lambda) implements Objective {
    private static final int BLOCK = 256;

    @Override
    public double value(double[] l) {
        return evaluate(l, null);
    }

    @Override
    public double valueAndGradient(double[] l, double[] gradient) {
        return evaluate(l, gradient);
    }

    /**
     * Pairs are processed in fixed blocks of {@link #BLOCK} in parallel, each into its own gradient
     * buffer; blocks are summed in order, so the result does not depend on the number of threads.
     */
    private double evaluate(double[] l, double[] gradient) {
        int blocks = (m + BLOCK - 1) / BLOCK;
        double[] losses = new double[blocks];
        double[][] grads = new double[blocks][];
        IntStream.range(0, blocks).parallel().forEach(bk -> {
            double[] g = gradient == null ? null : new double[l.length];
            losses[bk] = block(l, bk * BLOCK, Math.min(m, (bk + 1) * BLOCK), g);
            grads[bk] = g;
        });
        double loss = 0;
        for (double v : losses) {
            loss += v;
        }
        if (gradient != null) {
            Arrays.fill(gradient, 0);
            for (double[] g : grads) {
                for (int i = 0; i < g.length; i++) {
                    gradient[i] += g[i];
                }
            }
        }
        double norm = 0;
        for (int i = 0; i < l.length; i++) {
            norm += l[i] * l[i];
            if (gradient != null) {
                gradient[i] += 2 * lambda * l[i];
            }
        }
        return loss / m + lambda * norm;
    }

    /** Σ ℓ_β over pairs [from, to), its gradient part added into {@code gradient} when not null. */
    private double block(double[] l, int from, int to, double[] gradient) {
        double[] u = new double[k];
        double loss = 0;
        for (int p = from; p < to; p++) {
            int o = p * d;
            double dist = 0;
            for (int r = 0; r < k; r++) {
                double s = 0;
                int lr = r * d;
                for (int a = 0; a < d; a++) {
                    s += l[lr + a] * v[o + a];
                }
                u[r] = s;
                dist += s * s;
            }
            double y = similar[p] ? 1 : -1;
            double z = beta * y * (dist - 1);
            loss += softplus(z) / beta;
            if (gradient != null) {
                double c = 2.0 / m * y * sigmoid(z);
                for (int r = 0; r < k; r++) {
                    double cu = c * u[r];
                    int lr = r * d;
                    for (int a = 0; a < d; a++) {
                        gradient[lr + a] += cu * v[o + a];
                    }
                }
            }
        }
        return loss;
    }

    /** log(1 + e^z) without overflow. */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
