package org.metriclab.probabilistic;

import org.metriclab.core.linalg.Matrix;

/**
 * MLKR's objective in L (p×d): F(L) = Σ_i (ŷ_i − y_i)² with the leave-one-out kernel regression
 * ŷ_i = Σ_{j≠i} p_ij y_j, p_ij = softmax_{j≠i}(−‖L x_i − L x_j‖²) (Weinberger &amp; Tesauro 2007, as
 * metric-learn). ∂F/∂D_ik = 2(ŷ_i − y_i) p_ik (ŷ_i − y_k), fed to the weighted-pair identity.
 */
final class MlkrObjective extends SoftNeighborObjective {
    private final double[] y;

    MlkrObjective(Matrix x, double[] y, int p) {
        super(x, p);
        this.y = y.clone();
    }

    /** ŷ_i. */
    @Override
    double rowStatistic(double[] prob, int offset, int i) {
        double s = 0;
        for (int j = 0; j < y.length; j++) {
            s += prob[offset + j] * y[j];
        }
        return s;
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

    @Override
    double pairWeight(double[] yhat, int i, int k) {
        return 2 * (yhat[i] - y[i]) * (yhat[i] - y[k]);
    }
}
