package org.metriclab.core.baseline;

import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;

/**
 * The classical Mahalanobis distance: M = Σ⁺, the (pseudo-)inverse of the sample covariance of the
 * training rows (metric-learn's Covariance). Eigenvalues below {@code rcond}·λ_max are treated as zero.
 */
public record CovarianceLearner(double rcond) implements MetricLearner<MahalanobisMetric> {
    public CovarianceLearner {
        if (!(rcond >= 0 && rcond < 1)) {
            throw new IllegalArgumentException("rcond must be in [0, 1), got " + rcond);
        }
    }

    public static CovarianceLearner from(Params p) {
        return new CovarianceLearner(p.getDouble("rcond", 1e-10));
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        if (train.size() < 2) {
            throw new IllegalArgumentException("covariance needs at least 2 training rows, got " + train.size());
        }
        Matrix cov = covariance(train.x());
        double max = Math.max(cov.trace(), Double.MIN_NORMAL);
        double cut = rcond * max;
        return MahalanobisMetric.fromPsd(Psd.apply(cov, v -> v > cut ? 1.0 / v : 0.0));
    }

    /** The sample covariance (ddof = 1) of the rows of x. */
    public static Matrix covariance(Matrix x) {
        int n = x.rows();
        int d = x.cols();
        double[] c = x.toArray();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += c[i * d + j] / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                c[i * d + j] -= mean[j];
            }
        }
        return Matrix.of(n, d, c).gram().scale(1.0 / (n - 1));
    }
}
