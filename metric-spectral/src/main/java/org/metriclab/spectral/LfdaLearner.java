package org.metriclab.spectral;

import java.util.Arrays;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;

/**
 * LFDA, Local Fisher Discriminant Analysis (Sugiyama, JMLR 2007), as metric-learn 0.7. Local-scaling
 * affinity within each class, A_ij = exp(−‖x_i − x_j‖²/(σ_iσ_j)) with σ_i the distance from x_i to its
 * k-th nearest same-class neighbour (k capped at n_l − 1; A = 0 where σ_iσ_j = 0). Local scatters
 * S_w = ½Σ W^w_ij C_ij, S_b = ½Σ W^b_ij C_ij with W^w = A/n_l (same class, else 0) and
 * W^b = A(1/n − 1/n_l) (same class, else 1/n), assembled class by class through graph Laplacians
 * (O(Σ n_l² d + n d²)). Solves S_b φ = λ (S_w + ridge) φ; L = top p eigenvectors per {@code embedding}.
 * Defaults: k 0 = min(7, d − 1), dims 0 = d, embedding weighted, ridge 1e-9 relative to tr(S_w)/d.
 */
public record LfdaLearner(int k, int dims, Embedding embedding, double ridge) implements MetricLearner<MahalanobisMetric> {
    private static final String WHO = "lfda";

    public LfdaLearner {
        if (k < 0) {
            throw new IllegalArgumentException(WHO + ": k must be >= 0 (0 = min(7, d - 1)), got " + k);
        }
        Scatter.requireNonNegativeDims(dims, WHO);
        Scatter.requireRidge(ridge, WHO);
        if (embedding == null) {
            throw new IllegalArgumentException(WHO + ": embedding must be one of weighted, orthonormalized, plain");
        }
    }

    public static LfdaLearner from(Params p) {
        return new LfdaLearner(p.getInt("k", 0), p.getInt("dims", 0), p.getEnum("embedding", Embedding.WEIGHTED),
                p.getDouble("ridge", 1e-9));
    }

    /** The local within (index 0) and between (index 1) scatters. */
    static Matrix[] localScatters(Dataset train, int k) {
        Labels y = train.labels();
        int n = train.size();
        int d = train.dim();
        Matrix within = Matrix.zeros(d, d);
        Matrix between = Scatter.centered(train.x()).gram();
        for (int c : y.classes()) {
            int[] idx = y.indicesOf(c);
            int nl = idx.length;
            Matrix xl = train.x().rows(idx);
            Matrix lap = affinityScatter(xl, Math.min(k, nl - 1));
            within = within.plus(lap.scale(1.0 / nl));
            Matrix sc = Scatter.centered(xl).gram().scale((double) nl / n);
            between = between.minus(sc).plus(lap.scale(1.0 / n - 1.0 / nl));
        }
        return new Matrix[] {within.symmetrize(), between.symmetrize()};
    }

    /** X_lᵀ(D − A)X_l = ½ Σ_ij A_ij (x_i − x_j)(x_i − x_j)ᵀ for the class's local-scaling affinity A. */
    static Matrix affinityScatter(Matrix xl, int k) {
        int nl = xl.rows();
        int d = xl.cols();
        double[] x = xl.toArray();
        double[] dist = new double[nl * nl];
        for (int i = 0; i < nl; i++) {
            for (int j = i + 1; j < nl; j++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double diff = x[i * d + t] - x[j * d + t];
                    s += diff * diff;
                }
                dist[i * nl + j] = s;
                dist[j * nl + i] = s;
            }
        }
        double[] sigma = new double[nl];
        for (int i = 0; i < nl; i++) {
            double[] row = Arrays.copyOfRange(dist, i * nl, (i + 1) * nl);
            Arrays.sort(row);
            sigma[i] = Math.sqrt(row[Math.max(0, k)]);
        }
        double[] y = new double[nl * d];
        for (int i = 0; i < nl; i++) {
            for (int j = 0; j < nl; j++) {
                double scale = sigma[i] * sigma[j];
                if (j == i || scale == 0) {
                    continue;
                }
                double a = Math.exp(-dist[i * nl + j] / scale);
                for (int t = 0; t < d; t++) {
                    y[i * d + t] += a * (x[i * d + t] - x[j * d + t]);
                }
            }
        }
        return xl.transpose().times(Matrix.of(nl, d, y)).symmetrize();
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        train.requireAtLeastTwoClasses(WHO);
        int d = train.dim();
        int kk = k == 0 ? Math.max(1, Math.min(7, d - 1)) : k;
        Matrix[] s = localScatters(train, kk);
        EigenPairs e = Scatter.generalized(s[1], s[0], ridge, WHO + ": local within-class scatter");
        int p = Scatter.dims(dims, d, d, WHO, ctx.progress());
        return new MahalanobisMetric(embedding.transform(e.top(p)));
    }
}
