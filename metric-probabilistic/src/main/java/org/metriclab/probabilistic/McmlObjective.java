package org.metriclab.probabilistic;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;
import org.metriclab.core.linalg.SquaredDistances;
import org.metriclab.probabilistic.optim.Objective;

/**
 * MCML's convex objective in M (d×d, row-major), averaged over the rows i whose class has another
 * member: F(M) = (1/|I|) Σ_{i∈I} [Σ_{j∈C_i, j≠i} D_ij/(n_{y_i} − 1) + log Σ_{k≠i} e^{−D_ik}], which is
 * Σ_i KL(p₀(·|i) ‖ p^M(·|i)) up to a constant (Globerson &amp; Roweis 2005), with D_ij = (x_i−x_j)ᵀM(x_i−x_j).
 * The gradient Σ_ij (p₀(j|i) − p^M(j|i)) C_ij / |I| comes from the weighted-pair identity. M is
 * evaluated through its symmetric part, factored as LᵀL (it must be PSD up to round-off).
 */
final class McmlObjective implements Objective {
    private final double[] x;
    private final int n;
    private final int d;
    private final int[] y;
    private final double[] same;
    private final double[] work;
    private final int rowsUsed;

    McmlObjective(Matrix x, int[] y) {
        this.x = x.toArray();
        this.n = x.rows();
        this.d = x.cols();
        this.y = y.clone();
        this.work = new double[n * n];
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int c : y) {
            sizes.merge(c, 1, Integer::sum);
        }
        this.same = new double[n];
        int used = 0;
        for (int i = 0; i < n; i++) {
            int size = sizes.get(y[i]);
            same[i] = size > 1 ? 1.0 / (size - 1) : 0.0;
            used += size > 1 ? 1 : 0;
        }
        if (used == 0) {
            throw new IllegalArgumentException("mcml needs a class with at least 2 training rows; every class has one");
        }
        this.rowsUsed = used;
    }

    @Override
    public double value(double[] m) {
        return evaluate(m, null);
    }

    @Override
    public double valueAndGradient(double[] m, double[] gradient) {
        return evaluate(m, gradient);
    }

    private double evaluate(double[] m, double[] gradient) {
        Matrix l = Psd.factor(Matrix.of(d, d, m).symmetrize());
        int p = l.rows();
        double[] z = ProjectedRows.of(x, n, d, l.toArray(), p);
        SquaredDistances.pairwise(z, n, p, work);
        double[] pull = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            if (same[i] > 0) {
                double s = 0;
                int o = i * n;
                for (int j = 0; j < n; j++) {
                    if (j != i && y[j] == y[i]) {
                        s += work[o + j];
                    }
                }
                pull[i] = s * same[i];
            }
        });
        double[] lse = SoftmaxRows.inPlace(work, n);
        double f = 0;
        for (int i = 0; i < n; i++) {
            if (same[i] > 0) {
                f += pull[i] + lse[i];
            }
        }
        f /= rowsUsed;
        if (gradient != null) {
            double scale = 1.0 / rowsUsed;
            IntStream.range(0, n).parallel().forEach(i -> {
                int o = i * n;
                for (int k = 0; k < n; k++) {
                    double target = same[i] > 0 && k != i && y[k] == y[i] ? same[i] : 0.0;
                    work[o + k] = same[i] > 0 ? scale * (target - work[o + k]) : 0.0;
                }
            });
            double[] ax = GraphLaplacian.times(work, n, x, d);
            double[] g = TransposedProduct.of(ax, n, d, x, d);
            System.arraycopy(g, 0, gradient, 0, g.length);
        }
        return f;
    }
}
