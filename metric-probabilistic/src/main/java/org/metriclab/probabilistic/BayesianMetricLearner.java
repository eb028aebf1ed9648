package org.metriclab.probabilistic;

import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Supervised;
import org.metriclab.core.linalg.Centring;
import org.metriclab.core.linalg.Cholesky;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Inverse;
import org.metriclab.core.linalg.Matrix;

/**
 * Bayesian distance metric learning (Yang, Jin &amp; Sukthankar, UAI 2007): pair likelihood
 * Pr(y_ij | x_i, x_j) = 1 / (1 + exp(y_ij(‖x_i − x_j‖²_A − μ))), y = +1 similar / −1 dissimilar, with
 * A = Σ_k γ_k v_k v_kᵀ over the top-K eigenvectors v_k of the rows' scatter. With θ = (γ, μ) and
 * φ_ij = ((v_k·(x_i−x_j))², −1) this is a logistic model in θ; its posterior under the Gaussian prior
 * N(m₀, S₀) is approximated by the Jaakkola–Jordan variational bound (Bishop §10.6):
 * S⁻¹ = S₀⁻¹ + 2Σ λ(ξ_n) φ_nφ_nᵀ, m = S(S₀⁻¹m₀ − ½Σ y_n φ_n), ξ_n² = φ_nᵀ(S + mmᵀ)φ_n,
 * λ(ξ) = tanh(ξ/2)/(4ξ).
 * Each iteration cannot decrease the bound; the objective reported is the negative bound, and the
 * run stops when its relative change is below {@code tol}.
 *
 * <p>Prior: m₀ = (1, …, 1, μ₀) with μ₀ the mean squared Euclidean pair distance in the basis (so the
 * prior mean metric is Euclidean), S₀ = diag(prior_variance, …, prior_variance·max(1, μ₀²)).
 * Defaults: dims 0 (K = d), prior_variance 1.0, max_iter 100, tol 1e-6, constraints 0 (= 20·classes²
 * pairs of each kind when supervised). The fitted {@link BayesianMetric} exposes the posterior.
 */
public record BayesianMetricLearner(int dims, double priorVariance, int maxIter, double tol)
        implements ConstraintLearner<Pairs, BayesianMetric> {
    public BayesianMetricLearner {
        if (dims < 0 || !(priorVariance > 0) || maxIter < 1 || !(tol > 0)) {
            throw new IllegalArgumentException("bayesian_ml: need dims >= 0 (0 = all), prior_variance > 0, max_iter >= 1, "
                    + "tol > 0; got " + dims + ", " + priorVariance + ", " + maxIter + ", " + tol);
        }
    }

    public static BayesianMetricLearner from(Params p) {
        return new BayesianMetricLearner(p.getInt("dims", 0), p.getDouble("prior_variance", 1.0),
                p.getInt("max_iter", 100), p.getDouble("tol", 1e-6));
    }

    public static Supervised<Pairs, BayesianMetric> supervised(Params p) {
        return new Supervised<>(from(p), new RandomPairs(p.getInt("constraints", 0)));
    }

    @Override
    public BayesianMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        pairs.requireIndicesBelow(x.rows());
        if (pairs.size() == 0) {
            throw new IllegalArgumentException("bayesian_ml needs at least one pair, got none");
        }
        int d = x.cols();
        int k = Init.outputDim(dims, d, "bayesian_ml");
        int q = k + 1;
        EigenPairs e = Eigen.symmetric(Centring.scatter(x)).top(k);
        Matrix basis = e.vectors().transpose();
        int m = pairs.size();
        double[][] phi = new double[m][];
        double[] y = new double[m];
        double mu0 = 0;
        for (int n = 0; n < m; n++) {
            phi[n] = features(basis, x.row(pairs.left(n)), x.row(pairs.right(n)));
            y[n] = pairs.isSimilar(n) ? 1 : -1;
            for (int a = 0; a < k; a++) {
                mu0 += phi[n][a] / m;
            }
        }
        double[] m0 = new double[q];
        double[] s0Inverse = new double[q];
        for (int a = 0; a < k; a++) {
            m0[a] = 1.0;
            s0Inverse[a] = 1.0 / priorVariance;
        }
        m0[k] = mu0;
        s0Inverse[k] = 1.0 / (priorVariance * Math.max(1.0, mu0 * mu0));
        double logDetS0 = 0;
        double priorQuad = 0;
        double[] rhs0 = new double[q];
        for (int a = 0; a < q; a++) {
            logDetS0 -= Math.log(s0Inverse[a]);
            priorQuad += m0[a] * m0[a] * s0Inverse[a];
            rhs0[a] = s0Inverse[a] * m0[a];
        }
        double[] xi = new double[m];
        for (int n = 0; n < m; n++) {
            double s = 0;
            double mean = 0;
            for (int a = 0; a < q; a++) {
                s += phi[n][a] * phi[n][a] / s0Inverse[a];
                mean += phi[n][a] * m0[a];
            }
            xi[n] = Math.sqrt(s + mean * mean);
        }
        Matrix cov = null;
        double[] mean = null;
        double previous = Double.NaN;
        double objective = Double.NaN;
        boolean converged = false;
        int it = 0;
        while (it < maxIter && !converged) {
            it++;
            double[] precision = new double[q * q];
            double[] rhs = rhs0.clone();
            for (int a = 0; a < q; a++) {
                precision[a * q + a] = s0Inverse[a];
            }
            double bound = 0;
            for (int n = 0; n < m; n++) {
                double lam = lambda(xi[n]);
                for (int a = 0; a < q; a++) {
                    rhs[a] -= 0.5 * y[n] * phi[n][a];
                    for (int b = 0; b < q; b++) {
                        precision[a * q + b] += 2 * lam * phi[n][a] * phi[n][b];
                    }
                }
                bound += -LdmlObjective.softplus(-xi[n]) - xi[n] / 2 + lam * xi[n] * xi[n];
            }
            Matrix p = Matrix.of(q, q, precision).symmetrize();
            if (!p.isFinite()) {
                // squared pair features overflow a double when the features are huge
                throw new FitException("bayesian_ml", "the posterior precision became non-finite at iteration " + it,
                        "standardise the features");
            }
            Matrix l;
            try {
                l = Cholesky.lower(p);
            } catch (ArithmeticException lostDefiniteness) {
                // exact arithmetic keeps S0^-1 + sum 2 lambda phi phi^T positive definite; rounding does not when
                // the squared pair features span many orders of magnitude
                throw new FitException("bayesian_ml", "the posterior precision lost positive definiteness at iteration " + it,
                        "standardise the features", lostDefiniteness);
            }
            double logDetPrecision = 0;
            for (int a = 0; a < q; a++) {
                logDetPrecision += 2 * Math.log(l.get(a, a));
            }
            cov = Inverse.of(p).symmetrize();
            mean = cov.times(rhs);
            double quad = 0;
            for (int a = 0; a < q; a++) {
                quad += mean[a] * rhs[a];
            }
            bound += 0.5 * (-logDetPrecision - logDetS0) + 0.5 * quad - 0.5 * priorQuad;
            objective = -bound;
            if (!Double.isFinite(objective)) {
                throw new FitException("bayesian_ml", "the variational bound became " + objective + " at iteration " + it,
                        "standardise the features or raise prior_variance");
            }
            ctx.progress().iteration(it, objective);
            converged = it > 1 && Math.abs(previous - objective) <= tol * Math.max(1.0, Math.abs(objective));
            previous = objective;
            for (int n = 0; n < m; n++) {
                double[] sp = cov.times(phi[n]);
                double s = 0;
                double mp = 0;
                for (int a = 0; a < q; a++) {
                    s += phi[n][a] * sp[a];
                    mp += phi[n][a] * mean[a];
                }
                xi[n] = Math.sqrt(Math.max(s + mp * mp, 0));
            }
        }
        if (!converged) {
            ctx.progress().warn("bayesian_ml: stopped at max_iter=" + maxIter + " without converging (objective "
                    + objective + ")");
        }
        ctx.progress().finished(it, objective, converged);
        return new BayesianMetric(basis, Matrix.row(mean), cov);
    }

    /** φ = ((v_k·(a − b))² for each basis row v_k, then −1). */
    static double[] features(Matrix basis, double[] a, double[] b) {
        int k = basis.rows();
        double[] phi = new double[k + 1];
        for (int r = 0; r < k; r++) {
            double s = 0;
            for (int j = 0; j < a.length; j++) {
                s += basis.get(r, j) * (a[j] - b[j]);
            }
            phi[r] = s * s;
        }
        phi[k] = -1;
        return phi;
    }

    /** λ(ξ) = tanh(ξ/2)/(4ξ), with its limit 1/8 at 0. */
    static double lambda(double xi) {
        return Math.abs(xi) < 1e-8 ? 0.125 : Math.tanh(xi / 2) / (4 * xi);
    }
}
