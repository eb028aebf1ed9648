package org.metriclab.probabilistic;

import java.util.Arrays;
import org.metriclab.core.linalg.Matrix;

/**
 * NCA's objective in L (p×d, row-major): F(L) = −Σ_i p_i + λ‖L‖²_F with p_i = Σ_{j: y_j = y_i} p_ij
 * and p_ij = softmax_{j≠i}(−‖L x_i − L x_j‖²) (Goldberger et al. 2005; metric-learn minimises the
 * same −Σ p_i). In the terms of {@link SoftNeighborObjective}: t_ij = 1[y_j = y_i], s_i = p_i and
 * c_i = −1, so G_ij = p_ij(1[y_j = y_i] − p_i) = ∂F/∂D_ij; the gradient is 2(A Z)ᵀX (see
 * {@link GraphLaplacian}) plus 2λL.
 */
final class NcaObjective extends SoftNeighborObjective {
    private final double regularization;
    /** indicator[c][j] = 1 when row j has class index c. */
    private final double[][] indicator;
    private final int[] classIndex;

    NcaObjective(Matrix x, int[] y, int p, double regularization) {
        super(x, p);
        this.regularization = regularization;
        int[] distinct = Arrays.stream(y).distinct().sorted().toArray();
        this.classIndex = new int[y.length];
        this.indicator = new double[distinct.length][y.length];
        for (int j = 0; j < y.length; j++) {
            classIndex[j] = Arrays.binarySearch(distinct, y[j]);
            indicator[classIndex[j]][j] = 1.0;
        }
    }

    @Override
    double[] targets(int i) {
        return indicator[classIndex[i]];
    }

    @Override
    double rowScale(int i, double pi) {
        return -1.0;
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
    double regularization() {
        return regularization;
    }
}
