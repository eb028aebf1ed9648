package org.metriclab.spectral;

import org.metriclab.core.linalg.Centring;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;

/**
 * The prior metric A₀ of regularised GMML, min tr(AS) + tr(A⁻¹D) + λ(tr(AA₀⁻¹) + tr(A⁻¹A₀)):
 * the identity (plain Euclidean distance) or the inverse sample covariance of the training rows
 * (the classical Mahalanobis distance, metric-learn's {@code prior='covariance'}).
 */
public enum GmmlPrior {
    IDENTITY, COVARIANCE;

    /**
     * A₀⁻¹ (index 0) and A₀ (index 1) for the rows of {@code x}. The covariance gets a ridge of
     * {@code ridge} times its mean diagonal (at least 1e-12) so that it can be inverted when some
     * feature is constant or the rows are fewer than the features.
     */
    Matrix[] matrices(Matrix x, double ridge) {
        int d = x.cols();
        if (this == IDENTITY) {
            return new Matrix[] {Matrix.identity(d), Matrix.identity(d)};
        }
        Matrix cov = Centring.covariance(x);
        Matrix inv0 = cov.plusIdentity(ridge * Math.max(cov.trace() / d, 1e-12));
        return new Matrix[] {inv0, Psd.inverse(inv0)};
    }
}
