package org.metriclab.probabilistic;

import java.util.stream.IntStream;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.probabilistic.optim.Objective;

/**
 * NCA's objective in L (p×d, row-major): F(L) = −Σ_i p_i + λ‖L‖²_F with p_i = Σ_{j: y_j = y_i} p_ij
 * and p_ij = softmax_{j≠i}(−‖L x_i − L x_j‖²) (Goldberger et al. 2005; metric-learn minimises the
 * same −Σ p_i). With G_ik = p_ik(1[y_k = y_i] − p_i) = ∂F/∂D_ik the gradient is 2(A Z)ᵀX (see
 * {@link PairwiseKernels}) plus 2λL.
 */
final class NcaObjective implements Objective {
    private final double[] x;
    private final int n;
    private final int d;
    private final int p;
    private final int[] y;
    private final double regularization;
    private final double[] work;

    NcaObjective(Matrix x, int[] y, int p, double regularization) {
        this.x = x.toArray();
        this.n = x.rows();
        this.d = x.cols();
        this.p = p;
        this.y = y.clone();
        this.regularization = regularization;
        this.work = new double[n * n];
    }

    @Override
    public double value(double[] l) {
        return evaluate(l, null);
    }

    @Override
    public double valueAndGradient(double[] l, double[] gradient) {
        return evaluate(l, gradient);
    }

    private double evaluate(double[] l, double[] gradient) {
        double[] z = PairwiseKernels.embed(x, n, d, l, p);
        PairwiseKernels.squaredDistances(z, n, p, work);
        PairwiseKernels.softmaxRows(work, n);
        double[] pi = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double s = 0;
            int o = i * n;
            for (int j = 0; j < n; j++) {
                if (y[j] == y[i]) {
                    s += work[o + j];
                }
            }
            pi[i] = s;
        });
        double f = 0;
        for (double v : pi) {
            f -= v;
        }
        double norm2 = 0;
        for (double v : l) {
            norm2 += v * v;
        }
        f += regularization * norm2;
        if (gradient != null) {
            IntStream.range(0, n).parallel().forEach(i -> {
                int o = i * n;
                for (int k = 0; k < n; k++) {
                    work[o + k] *= (y[k] == y[i] ? 1.0 : 0.0) - pi[i];
                }
            });
            double[] az = PairwiseKernels.laplacianTimes(work, n, z, p);
            double[] g = PairwiseKernels.transposeTimes(az, n, p, x, d);
            for (int k = 0; k < g.length; k++) {
                gradient[k] = 2 * g[k] + 2 * regularization * l[k];
            }
        }
        return f;
    }
}
