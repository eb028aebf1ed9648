package org.metriclab.probabilistic;

import java.util.Arrays;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.linalg.Matrix;

/**
 * The result of {@link BayesianMetricLearner}: a Gaussian posterior N(m, S) over θ = (γ₁..γ_K, μ), the
 * weights of the metric A = Σ_k γ_k v_k v_kᵀ on the eigenbasis {@code basis} (K×d, rows v_k) and the
 * distance threshold μ of the likelihood Pr(similar | x_i, x_j) = σ(μ − ‖x_i − x_j‖²_A). As a metric it
 * is the posterior-mean metric with negative weight means clipped to 0 ({@link #metric()}); the
 * uncertainty is in {@link #weightVariance()}, {@link #thresholdVariance()},
 * {@link #posteriorCovariance()} and the predictive {@link #similarityProbability}.
 *
 * @param basis               K×d, orthonormal rows
 * @param posteriorMean       1×(K+1): weight means then the threshold mean
 * @param posteriorCovariance (K+1)×(K+1), same order
 */
public record BayesianMetric(Matrix basis, Matrix posteriorMean, Matrix posteriorCovariance) implements LearnedMetric {
    public BayesianMetric {
        int k = basis.rows();
        if (posteriorMean.rows() != 1 || posteriorMean.cols() != k + 1 || posteriorCovariance.rows() != k + 1
                || posteriorCovariance.cols() != k + 1) {
            throw new IllegalArgumentException("bayesian metric: basis " + basis.shape() + " needs a 1×" + (k + 1)
                    + " mean and a " + (k + 1) + "×" + (k + 1) + " covariance, got " + posteriorMean.shape() + " and "
                    + posteriorCovariance.shape());
        }
        if (!basis.isFinite() || !posteriorMean.isFinite() || !posteriorCovariance.isFinite()) {
            throw new IllegalArgumentException("bayesian metric: non-finite posterior");
        }
    }

    /** Posterior means of the K eigen-weights γ_k. */
    public double[] weightMean() {
        return Arrays.copyOf(posteriorMean.row(0), basis.rows());
    }

    /** Posterior variances of the K eigen-weights γ_k. */
    public double[] weightVariance() {
        return Arrays.copyOf(posteriorCovariance.diagonal(), basis.rows());
    }

    public double thresholdMean() {
        return posteriorMean.get(0, basis.rows());
    }

    public double thresholdVariance() {
        return posteriorCovariance.get(basis.rows(), basis.rows());
    }

    /** The posterior-mean metric: L has rows √max(m_k, 0)·v_k. */
    public MahalanobisMetric metric() {
        int k = basis.rows();
        int d = basis.cols();
        double[] l = new double[k * d];
        for (int a = 0; a < k; a++) {
            double s = Math.sqrt(Math.max(posteriorMean.get(0, a), 0.0));
            for (int j = 0; j < d; j++) {
                l[a * d + j] = s * basis.get(a, j);
            }
        }
        return new MahalanobisMetric(Matrix.of(k, d, l));
    }

    /**
     * Predictive probability that a and b are similar, integrating θ out with MacKay's probit
     * approximation: σ(−ā / √(1 + π s²/8)) for ā = φᵀm, s² = φᵀSφ, φ = ((v_k·(a−b))², −1).
     */
    public double similarityProbability(double[] a, double[] b) {
        double[] phi = BayesianMetricLearner.features(basis, a, b);
        double mean = 0;
        double var = 0;
        for (int i = 0; i < phi.length; i++) {
            mean += phi[i] * posteriorMean.get(0, i);
            for (int j = 0; j < phi.length; j++) {
                var += phi[i] * posteriorCovariance.get(i, j) * phi[j];
            }
        }
        return LdmlObjective.sigmoid(-mean / Math.sqrt(1 + Math.PI * Math.max(var, 0) / 8));
    }

    @Override
    public int inputDim() {
        return basis.cols();
    }

    @Override
    public int outputDim() {
        return basis.rows();
    }

    @Override
    public double[] embed(double[] x) {
        return metric().embed(x);
    }

    @Override
    public Matrix embed(Matrix x) {
        return metric().embed(x);
    }
}
