package org.metriclab.probabilistic;

import org.metriclab.core.constraint.Triplets;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.ParamException;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;

/**
 * Sparse compositional metric learning, supervised form (Shi, Bellet & Sha, AAAI 2014; metric-learn's
 * {@code SCML_Supervised}): M = Σ_k w_k b_k b_kᵀ with sparse w ≥ 0 over K rank-one bases b_k, fitted on
 * the triplets of each row's {@code k_genuine} nearest same-class and {@code k_impostor} nearest
 * other-class rows by minimising β‖w‖₁ + mean_t max(0, 1 + d_w(a,p)² − d_w(a,q)²) with stochastic
 * dual averaging ({@link ScmlDualAveraging}). The bases are local LDA directions ({@code basis: lda})
 * or eigenvectors of triplet differences ({@code basis: triplet_diffs}, the weakly supervised
 * algorithm run on those triplets, as {@link ScmlTriplets} does for given triplets).
 *
 * <p>When fewer bases than features get a positive weight, L = diag(√w) B over the active bases
 * (a low-rank metric, with a warning); otherwise L factors M (its transposed Cholesky factor when M is
 * definite, as metric-learn returns).
 *
 * <p>Defaults (metric-learn's): basis lda, n_basis 0 (= min(20d, 2n·min(c−1, d) − 1) for lda, 80d for
 * triplet_diffs), beta 1e-5, gamma 5e-3, max_iter 10000, output_iter 500, batch_size 10, k_genuine 3,
 * k_impostor 10; tol 0 (run all iterations).
 */
public record ScmlLearner(ScmlBasisKind basis, int nBasis, double beta, double gamma, int maxIter, int outputIter, int batchSize,
        int kGenuine, int kImpostor, double tol) implements MetricLearner<MahalanobisMetric> {
    public ScmlLearner {
        requireAtLeast("n_basis", nBasis, 0);
        // the solver validates (and names in errors) its own parameters
        new ScmlDualAveraging(beta, gamma, maxIter, outputIter, batchSize, tol);
        requireAtLeast("k_genuine", kGenuine, 1);
        requireAtLeast("k_impostor", kImpostor, 1);
    }

    public static ScmlLearner from(Params p) {
        return new ScmlLearner(p.getEnum("basis", ScmlBasisKind.LDA), p.getInt("n_basis", 0), p.getDouble("beta", 1e-5),
                p.getDouble("gamma", 5e-3), p.getInt("max_iter", 10000), p.getInt("output_iter", 500),
                p.getInt("batch_size", 10), p.getInt("k_genuine", 3), p.getInt("k_impostor", 10), p.getDouble("tol", 0.0));
    }

    static void requireAtLeast(String key, int value, int min) {
        if (value < min) {
            throw ParamException.invalid(key, value, "an integer >= " + min);
        }
    }

    ScmlDualAveraging solver() {
        return new ScmlDualAveraging(beta, gamma, maxIter, outputIter, batchSize, tol);
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        train.requireAtLeastTwoClasses("scml");
        GenuineImpostorTriplets sampler = new GenuineImpostorTriplets(kGenuine, kImpostor);
        String clipped = sampler.clipped(train.labels());
        if (clipped != null) {
            ctx.progress().warn("scml: " + clipped);
        }
        Triplets triplets = sampler.sample(train, ctx.random("constraints"));
        if (triplets.size() == 0) {
            throw new FitException("scml", "no triplets: every class needs two rows", "use more training rows per class");
        }
        double[][] x = train.x().toRows();
        if (basis == ScmlBasisKind.TRIPLET_DIFFS) {
            return new ScmlTriplets(nBasis, solver()).fitWithRows(x, triplets, ctx);
        }
        int n = x.length;
        int d = train.dim();
        int classes = train.labels().classCount();
        int limit = (int) Math.min(Integer.MAX_VALUE, 2L * n * Math.min(classes - 1, d));
        int count = nBasis > 0 ? nBasis : ScmlBasis.defaultLdaCount(n, d, classes);
        if (count >= limit) {
            throw ParamException.invalid("n_basis", nBasis, "an integer below 2·n·min(c−1, d) = " + limit
                    + " for these " + n + " rows (or 0 for the default)");
        }
        ScmlBasis b = ScmlBasis.lda(x, train.labels().toArray(), count, ctx.random("scml_basis"));
        return weightsToMetric(b, solve(x, b, triplets, ctx), d, ctx);
    }

    ScmlDualAveraging.Result solve(double[][] x, ScmlBasis b, Triplets triplets, FitContext ctx) {
        if (b.size() == 0) {
            throw new FitException("scml", "the basis construction produced no basis", "use the other basis kind");
        }
        return solver().solve(ScmlProblem.of(x, b.rows(), triplets), ctx.random("scml"), "scml", ctx.progress());
    }

    /** L from the active weights: diag(√w) B when fewer than d are active, else a factor of M = Bᵀ diag(w) B. */
    static MahalanobisMetric weightsToMetric(ScmlBasis b, ScmlDualAveraging.Result r, int d, FitContext ctx) {
        double[] w = r.weights();
        int active = 0;
        for (double v : w) {
            active += v > 0 ? 1 : 0;
        }
        if (active == 0) {
            throw new FitException("scml", "no basis received a positive weight (best objective " + r.objective() + ")",
                    "lower beta, raise max_iter, or check that the triplets are not all satisfied already");
        }
        double[][] rows = b.rows();
        if (active < d) {
            ctx.progress().warn("scml: only " + active + " of " + rows.length + " bases are active; the metric has rank "
                    + active + " < " + d + " features");
            double[] l = new double[active * d];
            int m = 0;
            for (int k = 0; k < w.length; k++) {
                if (w[k] > 0) {
                    double s = Math.sqrt(w[k]);
                    for (int a = 0; a < d; a++) {
                        l[m * d + a] = s * rows[k][a];
                    }
                    m++;
                }
            }
            return new MahalanobisMetric(Matrix.of(active, d, l));
        }
        double[] mm = new double[d * d];
        for (int k = 0; k < w.length; k++) {
            if (w[k] > 0) {
                for (int a = 0; a < d; a++) {
                    double wa = w[k] * rows[k][a];
                    for (int c = 0; c < d; c++) {
                        mm[a * d + c] += wa * rows[k][c];
                    }
                }
            }
        }
        double[] m = Matrix.of(d, d, mm).symmetrize().toArray();
        double[] lower = LocalLda.lowerCholesky(m, d);
        if (lower != null) {
            // M = C Cᵀ with C lower triangular, so L = Cᵀ (metric-learn's factor of a definite M)
            return new MahalanobisMetric(Matrix.of(d, d, lower).transpose());
        }
        // semi-definite M (the active bases leave a direction out): L = diag(√λ) Vᵀ, as metric-learn's eigh
        // fallback; M is a non-negative combination of outer products, so negative λ are round-off
        return new MahalanobisMetric(Psd.factor(Matrix.of(d, d, m)));
    }
}
