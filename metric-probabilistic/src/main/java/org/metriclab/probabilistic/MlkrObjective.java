package org.metriclab.probabilistic;

import org.metriclab.core.linalg.Matrix;

/**
 * MLKR's objective in L (p×d): F(L) = Σ_i (ŷ_i − y_i)² with the leave-one-out kernel regression
 * ŷ_i = Σ_{j≠i} p_ij y_j, p_ij = softmax_{j≠i}(−‖L x_i − L x_j‖²) (Weinberger &amp; Tesauro 2007, as
 * metric-learn). In the terms of {@link SoftNeighborObjective}: t_ij = y_j, s_i = ŷ_i and
 * c_i = 2(ŷ_i − y_i), so ∂F/∂D_ij = 2(ŷ_i − y_i) p_ij (ŷ_i − y_j), fed to the weighted-pair identity.
 */
final class MlkrObjective extends SoftNeighborObjective {
    private final double[] y;

    MlkrObjective(Matrix x, double[] y, int p) {
        super(x, p);
        this.y = y.clone();
    }

    @Override
    double[] targets(int i) {
        return y;
    }

    @Override
    double rowScale(int i, double yhat) {
        return 2 * (yhat - y[i]);
    }

    @Override
    double value(double[] yhat, double[] l) {
        double f = 0;
        for (int i = 0; i < yhat.length; i++) {
            double r = yhat[i] - y[i];
            f += r * r;
        }
        return f;
    }
}
