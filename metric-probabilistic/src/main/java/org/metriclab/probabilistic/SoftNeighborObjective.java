package org.metriclab.probabilistic;

import java.util.stream.IntStream;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.probabilistic.optim.Objective;

/**
 * Shared kernel of the stochastic-neighbour objectives in L (p×d, row-major): with Z = X Lᵀ and
 * p_ij = softmax_{j≠i}(−‖z_i − z_j‖²), a per-row statistic s_i = {@link #rowStatistic} over row i of P
 * gives the value F = {@link #value}(s, L); the gradient is 2(A Z)ᵀX + 2λL where
 * G_ik = p_ik · {@link #pairWeight}(s, i, k) = ∂F/∂D_ik feeds the weighted-pair identity of
 * {@link PairwiseKernels} and λ = {@link #regularization()}.
 */
abstract class SoftNeighborObjective implements Objective {
    private final double[] x;
    private final int n;
    private final int d;
    private final int p;
    private final double[] work;

    SoftNeighborObjective(Matrix x, int p) {
        this.x = x.toArray();
        this.n = x.rows();
        this.d = x.cols();
        this.p = p;
        this.work = new double[n * n];
    }

    /** s_i from the softmax probabilities {@code prob[offset + j]} = p_ij, j = 0..n−1. */
    abstract double rowStatistic(double[] prob, int offset, int i);

    /** F from the row statistics and the current L. */
    abstract double value(double[] stats, double[] l);

    /** ∂F/∂D_ik divided by p_ik. */
    abstract double pairWeight(double[] stats, int i, int k);

    /** λ of the 2λL gradient term; 0 when F has no Frobenius penalty. */
    double regularization() {
        return 0;
    }

    @Override
    public final double value(double[] l) {
        return evaluate(l, null);
    }

    @Override
    public final double valueAndGradient(double[] l, double[] gradient) {
        return evaluate(l, gradient);
    }

    private double evaluate(double[] l, double[] gradient) {
        double[] z = PairwiseKernels.embed(x, n, d, l, p);
        PairwiseKernels.squaredDistances(z, n, p, work);
        PairwiseKernels.softmaxRows(work, n);
        double[] stats = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> stats[i] = rowStatistic(work, i * n, i));
        double f = value(stats, l);
        if (gradient != null) {
            IntStream.range(0, n).parallel().forEach(i -> {
                int o = i * n;
                for (int k = 0; k < n; k++) {
                    work[o + k] *= pairWeight(stats, i, k);
                }
            });
            double[] az = PairwiseKernels.laplacianTimes(work, n, z, p);
            double[] g = PairwiseKernels.transposeTimes(az, n, p, x, d);
            double lambda = regularization();
            for (int k = 0; k < g.length; k++) {
                gradient[k] = lambda == 0 ? 2 * g[k] : 2 * g[k] + 2 * lambda * l[k];
            }
        }
        return f;
    }
}
