package org.metriclab.probabilistic;

import org.metriclab.core.linalg.Matrix;
import org.metriclab.probabilistic.optim.Objective;

/**
 * Shared kernel of the stochastic-neighbour objectives in L (p×d, row-major): with Z = X Lᵀ,
 * p_ij = softmax_{j≠i}(−‖z_i − z_j‖²) and per-row targets t_ij ({@link #targets}), the row
 * statistic s_i = Σ_j p_ij t_ij gives the value F = {@link #value}(s, L), and
 * ∂F/∂D_ij = G_ij = c_i · p_ij · (s_i − t_ij) with c_i = {@link #rowScale} (because
 * ∂s_i/∂D_ij = −p_ij (t_ij − s_i)). G feeds the weighted-pair identity of {@link PairwiseKernels}:
 * the gradient is 2(A Z)ᵀX + 2λL with λ = {@link #regularization()}.
 *
 * <p>One evaluation is: Z = X Lᵀ; the distance matrix (register-tiled, upper triangle); then one
 * fused pass per row while it is in cache (row minimum; exponentials with their sum and the target-
 * weighted sum; G); then A·Z and (A Z)ᵀX. The n×n work array is reused across evaluations.
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

    /** t_i· (length n; the entry at i itself is never used): the values averaged by row i's softmax. */
    abstract double[] targets(int i);

    /** c_i = ∂F/∂s_i at s_i = {@code stat}, so that G_ij = c_i p_ij (s_i − t_ij). */
    abstract double rowScale(int i, double stat);

    /** F from the row statistics and the current L. */
    abstract double value(double[] stats, double[] l);

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
        double[] stats = new double[n];
        boolean weigh = gradient != null;
        PairwiseKernels.parallelTiles(n, 16, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                stats[i] = row(i, weigh);
            }
        });
        double f = value(stats, l);
        if (gradient != null) {
            double[] az = PairwiseKernels.laplacianTimes(work, n, z, p);
            double[] g = PairwiseKernels.transposeTimes(az, n, p, x, d);
            double lambda = regularization();
            for (int k = 0; k < g.length; k++) {
                gradient[k] = lambda == 0 ? 2 * g[k] : 2 * g[k] + 2 * lambda * l[k];
            }
        }
        return f;
    }

    /**
     * Row i of the distance matrix → s_i, and (when {@code weigh}) G_i· in place. Terms more than
     * {@value PairwiseKernels#CUTOFF} above the row minimum are 0 without calling exp (see
     * {@link PairwiseKernels#softmaxRows}).
     */
    private double row(int i, boolean weigh) {
        double[] t = targets(i);
        int o = i * n;
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            min = Math.min(min, work[o + k]);
        }
        double limit = min + PairwiseKernels.CUTOFF;
        double sum = 0;
        double weighted = 0;
        for (int k = 0; k < n; k++) {
            double v = work[o + k];
            double e = v > limit ? 0.0 : Math.exp(min - v);
            work[o + k] = e;
            sum += e;
            weighted += e * t[k];
        }
        double s = weighted / sum;
        if (weigh) {
            double scale = rowScale(i, s) / sum;
            for (int k = 0; k < n; k++) {
                work[o + k] *= scale * (s - t[k]);
            }
        }
        return s;
    }
}
