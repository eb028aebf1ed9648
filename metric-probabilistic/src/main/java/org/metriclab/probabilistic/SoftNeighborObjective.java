package org.metriclab.probabilistic;

import java.util.Arrays;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.SquaredDistances;
import org.metriclab.probabilistic.optim.Objective;

/**
 * Shared kernel of the stochastic-neighbour objectives in L (p×d, row-major): with Z = X Lᵀ,
 * p_ij = softmax_{j≠i}(−‖z_i − z_j‖²) and per-row targets t_ij ({@link #targets}), the row
 * statistic s_i = Σ_j p_ij t_ij gives the value F = {@link #value}(s, L), and
 * ∂F/∂D_ij = G_ij = c_i · p_ij · (s_i − t_ij) with c_i = {@link #rowScale} (because
 * ∂s_i/∂D_ij = −p_ij (t_ij − s_i)). G feeds the weighted-pair identity of {@link GraphLaplacian}:
 * the gradient is 2(A Z)ᵀX + 2λL with λ = {@link #regularization()}.
 *
 * <p>One evaluation is: Z = X Lᵀ; the distance matrix (register-tiled, upper triangle); then one
 * pass per row while it is in cache (row minimum; the columns within the cutoff; their exponentials
 * with the sum and the target-weighted sum; G as a sparse row, {@link SparseRows}); then A·Z from the
 * sparse rows of G and of Gᵀ, and (A Z)ᵀX. The softmax is usually peaked, so G has few entries per
 * row and only the distance pass touches the n×n work array, which is reused across evaluations.
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
        double[] z = ProjectedRows.of(x, n, d, l, p);
        SquaredDistances.pairwise(z, n, p, work);
        double[] stats = new double[n];
        boolean weigh = gradient != null;
        int[][] columns = weigh ? new int[n][] : null;
        double[][] values = weigh ? new double[n][] : null;
        RowTasks.run(n, 16, (i0, i1) -> {
            int[] cols = new int[n];
            double[] e = new double[n];
            for (int i = i0; i < i1; i++) {
                stats[i] = row(i, cols, e, columns, values);
            }
        });
        double f = value(stats, l);
        if (gradient != null) {
            double[] az = GraphLaplacian.times(new SparseRows(n, columns, values), z, p);
            double[] g = TransposedProduct.of(az, n, p, x, d);
            double lambda = regularization();
            for (int k = 0; k < g.length; k++) {
                gradient[k] = lambda == 0 ? 2 * g[k] : 2 * g[k] + 2 * lambda * l[k];
            }
        }
        return f;
    }

    /**
     * Row i of the distance matrix → s_i, and (when {@code columns} is not null) G_i· as sparse row i
     * of {@code columns}/{@code values}. Only the entries within {@value SoftmaxRows#CUTOFF} of
     * the row minimum are kept (the others are below e^−50 of the largest term; see
     * {@link SoftmaxRows#inPlace}), so exp is called for those alone; entries whose weight is
     * exactly 0 are dropped. {@code cols} and {@code e} are scratch rows of length n.
     */
    private double row(int i, int[] cols, double[] e, int[][] columns, double[][] values) {
        double[] t = targets(i);
        int o = i * n;
        // one pass: the columns within the cutoff of the running minimum (a superset of those within
        // the cutoff of the final minimum), branch-free since the pattern is unpredictable; a NaN row
        // keeps no column and gives s_i = 0/0 = NaN
        double min = Double.POSITIVE_INFINITY;
        int candidates = 0;
        for (int k = 0; k < n; k++) {
            double v = work[o + k];
            min = v < min ? v : min;
            cols[candidates] = k;
            candidates += v <= min + SoftmaxRows.CUTOFF ? 1 : 0;
        }
        double limit = min + SoftmaxRows.CUTOFF;
        int m = 0;
        for (int u = 0; u < candidates; u++) {
            int k = cols[u];
            cols[m] = k;
            m += work[o + k] <= limit ? 1 : 0;
        }
        double sum = 0;
        double weighted = 0;
        for (int u = 0; u < m; u++) {
            int k = cols[u];
            double v = Math.exp(min - work[o + k]);
            e[u] = v;
            sum += v;
            weighted += v * t[k];
        }
        double s = weighted / sum;
        if (columns != null) {
            double scale = rowScale(i, s) / sum;
            int kept = 0;
            for (int u = 0; u < m; u++) {
                int k = cols[u];
                double w = scale * (s - t[k]) * e[u];
                cols[kept] = k;
                e[kept] = w;
                kept += w != 0 ? 1 : 0;
            }
            columns[i] = Arrays.copyOf(cols, kept);
            values[i] = Arrays.copyOf(e, kept);
        }
        return s;
    }
}
