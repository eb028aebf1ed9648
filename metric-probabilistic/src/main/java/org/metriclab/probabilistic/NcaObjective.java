package org.metriclab.probabilistic;

import org.metriclab.core.linalg.Matrix;

/**
 * NCA's objective in L (p×d, row-major): F(L) = −Σ_i p_i + λ‖L‖²_F with p_i = Σ_{j: y_j = y_i} p_ij
 * and p_ij = softmax_{j≠i}(−‖L x_i − L x_j‖²) (Goldberger et al. 2005; metric-learn minimises the
 * same −Σ p_i). With G_ik = p_ik(1[y_k = y_i] − p_i) = ∂F/∂D_ik the gradient is 2(A Z)ᵀX (see
 * {@link PairwiseKernels}) plus 2λL.
 */
final class NcaObjective extends SoftNeighborObjective {
    private final int[] y;
    private final double regularization;

    NcaObjective(Matrix x, int[] y, int p, double regularization) {
        super(x, p);
        this.y = y.clone();
        this.regularization = regularization;
    }

    /** p_i, the probability mass on same-class neighbours. */
    @Override
    double rowStatistic(double[] prob, int offset, int i) {
        double s = 0;
        for (int j = 0; j < y.length; j++) {
            if (y[j] == y[i]) {
                s += prob[offset + j];
            }
        }
        return s;
    }

    @Override
    double value(double[] pi, double[] l) {
        double f = 0;
        for (double v : pi) {
            f -= v;
        }
        double norm2 = 0;
        for (double v : l) {
            norm2 += v * v;
        }
        return f + regularization * norm2;
    }

    @Override
    double pairWeight(double[] pi, int i, int k) {
        return (y[k] == y[i] ? 1.0 : 0.0) - pi[i];
    }

    @Override
    double regularization() {
        return regularization;
    }
}
