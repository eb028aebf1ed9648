package org.metriclab.spectral.stochastic;

import java.io.Serializable;

/**
 * LMNN's per-row term (Weinberger &amp; Saul 2009, with metric-learn's weights): for query i with
 * target neighbours T_i (same class) and impostor candidates I_i (other classes), D = ‖L(x_i − x_·)‖²,
 * <pre>f_i = μ Σ_{t∈T_i} D_it + (1 − μ) Σ_{t∈T_i} Σ_{l∈I_i} [1 + D_it − D_il]_+</pre>
 * with μ = {@code pull} (LMNN's {@code regularization}). A query's candidate rows of its own class are
 * its targets, the others its impostor candidates.
 */
public record LmnnLoss(int[] classes, double pull) implements Serializable {
    public LmnnLoss {
        classes = classes.clone();
        if (!(pull >= 0 && pull <= 1)) {
            throw new IllegalArgumentException("regularization must be in [0, 1], got " + pull);
        }
    }

    /**
     * f_i for the distances {@code dist} to the candidates {@code rows}; fills {@code weights} with
     * ∂f_i/∂D_ic (μ + (1 − μ)·#active impostors for a target, −(1 − μ)·#active targets for an impostor).
     */
    double term(int i, int[] rows, double[] dist, double[] weights) {
        double f = 0;
        double push = 1 - pull;
        for (int c = 0; c < rows.length; c++) {
            weights[c] = 0;
        }
        for (int t = 0; t < rows.length; t++) {
            if (classes[rows[t]] != classes[i]) {
                continue;
            }
            f += pull * dist[t];
            weights[t] += pull;
            for (int l = 0; l < rows.length; l++) {
                if (classes[rows[l]] == classes[i]) {
                    continue;
                }
                double hinge = 1 + dist[t] - dist[l];
                if (hinge > 0) {
                    f += push * hinge;
                    weights[t] += push;
                    weights[l] -= push;
                }
            }
        }
        return f;
    }
}
