package org.metriclab.probabilistic;

import java.util.stream.IntStream;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.probabilistic.optim.Objective;

/**
 * MLKR's objective in L (p×d): F(L) = Σ_i (ŷ_i − y_i)² with the leave-one-out kernel regression
 * ŷ_i = Σ_{j≠i} p_ij y_j, p_ij = softmax_{j≠i}(−‖L x_i − L x_j‖²) (Weinberger &amp; Tesauro 2007, as
 * metric-learn). ∂F/∂D_ik = 2(ŷ_i − y_i) p_ik (ŷ_i − y_k), fed to the weighted-pair identity.
 */
final class MlkrObjective implements Objective {
    private final double[] x;
    private final int n;
    private final int d;
    private final int p;
    private final double[] y;
    private final double[] work;

    MlkrObjective(Matrix x, double[] y, int p) {
        this.x = x.toArray();
        this.n = x.rows();
        this.d = x.cols();
        this.p = p;
        this.y = y.clone();
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
        double[] yhat = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double s = 0;
            int o = i * n;
            for (int j = 0; j < n; j++) {
                s += work[o + j] * y[j];
            }
            yhat[i] = s;
        });
        double f = 0;
        for (int i = 0; i < n; i++) {
            double r = yhat[i] - y[i];
            f += r * r;
        }
        if (gradient != null) {
            IntStream.range(0, n).parallel().forEach(i -> {
                int o = i * n;
                double r = 2 * (yhat[i] - y[i]);
                for (int k = 0; k < n; k++) {
                    work[o + k] *= r * (yhat[i] - y[k]);
                }
            });
            double[] az = PairwiseKernels.laplacianTimes(work, n, z, p);
            double[] g = PairwiseKernels.transposeTimes(az, n, p, x, d);
            for (int k = 0; k < g.length; k++) {
                gradient[k] = 2 * g[k];
            }
        }
        return f;
    }
}
