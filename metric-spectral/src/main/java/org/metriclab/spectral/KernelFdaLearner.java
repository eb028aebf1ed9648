package org.metriclab.spectral;

import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Cholesky;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.resource.MemoryBudget;

/**
 * Kernel FDA as kernel spectral metric learning (Mika et al. 1999; Ghojogh et al. 2022 kernel
 * section). By the representer theorem U = Φ(X)T, so with the centred kernel matrix K̃ = HKH and its
 * class-mean columns μ_k: M_K = Σ_k n_k μ_k μ_kᵀ (between), N_K = Σ_k K̃_k(I − 1/n_k 𝟙𝟙ᵀ)K̃_kᵀ = K̃K̃ − M_K
 * (within), and T holds the top p solutions of M_K t = λ (N_K + ridge·tr(N_K)/n·I) t. The model is a
 * {@link KernelMetric} storing the training points, so unseen points embed through kernel
 * evaluations. Defaults: kernel rbf (or polynomial, linear), gamma 0 = 1/median of the pairwise squared distances, degree 3,
 * coef0 1 (polynomial only), ridge 1e-3, dims 0 = c − 1 (at most c − 1: M_K has rank c − 1). Costs
 * O(n³/3) time (one Cholesky solve instead of an n × n generalized eigendecomposition) and O(n²) memory.
 */
public record KernelFdaLearner(Kernel.Type kernel, double gamma, int degree, double coef0, double ridge, int dims)
        implements MetricLearner<KernelMetric> {
    private static final String WHO = "kernel_fda";

    public KernelFdaLearner {
        Kernel.requireSettings(WHO, kernel, gamma, degree, coef0);
        if (!(ridge > 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException(WHO + ": ridge must be a finite number > 0 (N_K is always singular), got " + ridge);
        }
        Scatter.requireNonNegativeDims(dims, WHO);
    }

    public static KernelFdaLearner from(Params p) {
        return new KernelFdaLearner(p.getEnum("kernel", Kernel.Type.RBF), p.getDouble("gamma", 0.0), p.getInt("degree", 3),
                p.getDouble("coef0", 1.0), p.getDouble("ridge", 1e-3), p.getInt("dims", 0));
    }

    @Override
    public KernelMetric fit(Dataset train, FitContext ctx) {
        train.requireAtLeastTwoClasses(WHO);
        Matrix x = train.x();
        int n = x.rows();
        int d = x.cols();
        // the kernel matrix, its within-class counterpart, the Cholesky factor and a solve: four n × n arrays
        MemoryBudget.require(MemoryBudget.bytes(4L * n * n + 2L * n * d, MemoryBudget.DOUBLE), WHO + " on " + n + " training rows",
                "subsample the training rows or use a linear learner such as lfda");
        Kernel k = Kernel.resolve(kernel, gamma, degree, coef0, x);
        CentredGram gram = CentredGram.of(WHO, k, x);
        Labels y = train.labels();
        int[] classes = y.classes();
        double[] means = new double[classes.length * n];
        for (int c = 0; c < classes.length; c++) {
            int[] idx = y.indicesOf(classes[c]);
            double w = Math.sqrt(idx.length);
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j : idx) {
                    s += gram.get(i, j);
                }
                means[c * n + i] = w * s / idx.length;
            }
        }
        Matrix a = Matrix.of(classes.length, n, means);
        Matrix within = gram.matrix().gram().minus(a.gram()).symmetrize();
        int p = Scatter.dims(dims, classes.length - 1, classes.length - 1, WHO, ctx.progress());
        return new KernelMetric(k, x, lowRankSolutions(a, within, p), gram.columnMeans(), gram.grandMean());
    }

    /**
     * The top p solutions of AᵀA t = λ B t with B = N_K + ridge·tr(N_K)/n·I, normalised to TᵀBT = I,
     * through the c × c problem: M_K = AᵀA has rank ≤ c, so with X = B⁻¹Aᵀ (one Cholesky solve) and
     * (A X) u = λ u, t = X u / √λ solves the n × n problem exactly — O(n³/3) instead of a full n × n
     * generalized eigendecomposition.
     */
    private Matrix lowRankSolutions(Matrix a, Matrix within, int p) {
        double trace = within.trace();
        if (!(trace > 0)) {
            throw new IllegalArgumentException(WHO + ": kernel within-class scatter N_K is zero: every class collapses to one point");
        }
        Matrix b = within.plusIdentity(ridge * trace / within.rows());
        Matrix xs = Cholesky.solve(b, a.transpose());
        EigenPairs small = Eigen.symmetric(a.times(xs).symmetrize()).top(p);
        int n = xs.rows();
        double[] t = new double[n * p];
        for (int j = 0; j < p; j++) {
            double lambda = small.value(j);
            if (!(lambda > 0)) {
                throw new IllegalArgumentException(WHO + ": only " + j + " discriminant directions have a positive eigenvalue; lower dims");
            }
            double[] u = small.vectors().column(j);
            double scale = 1.0 / Math.sqrt(lambda);
            int arg = 0;
            for (int i = 0; i < n; i++) {
                double v = 0;
                for (int c = 0; c < u.length; c++) {
                    v += xs.get(i, c) * u[c];
                }
                t[i * p + j] = v * scale;
                if (Math.abs(t[i * p + j]) > Math.abs(t[arg * p + j]) + 1e-12) {
                    arg = i;
                }
            }
            if (t[arg * p + j] < 0) {
                for (int i = 0; i < n; i++) {
                    t[i * p + j] = -t[i * p + j];
                }
            }
        }
        return Matrix.of(n, p, t);
    }
}
