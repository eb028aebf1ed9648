package org.metriclab.core.baseline;

import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Centring;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.EigenTruncation;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.resource.MemoryBudget;

/**
 * The classical Mahalanobis distance: M = Σ⁺, the (pseudo-)inverse of the sample covariance of the
 * training rows (metric-learn's Covariance), stored as the whitening L = Λ_r^{-1/2}V_rᵀ (LᵀL = Σ⁺) over
 * the eigenvalues above {@code rcond}·λ_max ({@link EigenTruncation}); the rest count as zero. With
 * fewer rows than features the whitening comes from the n × n Gram matrix (see {@link #dualWhitening}),
 * so 60 rows × 10,000 features fit in well under a second. A problem needing an eigendecomposition
 * larger than {@link Eigen#PRACTICAL_LIMIT} or more memory than the heap allows is refused up front.
 */
public record CovarianceLearner(double rcond) implements MetricLearner<MahalanobisMetric> {
    private static final String WHO = "covariance";

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
        int n = train.size();
        int d = train.dim();
        if (n < 2) {
            throw new IllegalArgumentException("covariance needs at least 2 training rows, got " + n);
        }
        int k = Math.min(n, d);
        if (k > Eigen.PRACTICAL_LIMIT) {
            throw new FitException(WHO, "the covariance of " + n + " rows × " + d + " features needs a " + k + " × " + k
                    + " eigendecomposition (limit " + Eigen.PRACTICAL_LIMIT + ")", "reduce the features first, e.g. with pca");
        }
        long doubles = d <= n ? 4L * d * d + 2L * n * d : 4L * n * n + 3L * n * d;
        MemoryBudget.require(MemoryBudget.bytes(doubles, MemoryBudget.DOUBLE), WHO + " on " + n + " × " + d,
                "reduce the features first, e.g. with pca");
        EigenTruncation policy = new EigenTruncation(rcond);
        Matrix centred = Centring.centred(train.x());
        if (d <= n) {
            return new MahalanobisMetric(policy.whitening(centred.gram().scale(1.0 / (n - 1))));
        }
        return new MahalanobisMetric(dualWhitening(centred, policy));
    }

    /**
     * The whitening of Σ = XcᵀXc/(n−1) for n &lt; d from the n × n Gram K = XcXcᵀ/(n−1), which has the
     * same non-zero eigenvalues λ: Σ's eigenvector is v = Xcᵀu/√((n−1)λ), so the whitening row
     * λ^{-1/2}vᵀ is uᵀXc/(λ√(n−1)). Costs O(n²d + n³) instead of O(nd² + d³).
     */
    static Matrix dualWhitening(Matrix centred, EigenTruncation policy) {
        int n = centred.rows();
        EigenPairs e = policy.kept(Eigen.symmetric(centred.transpose().gram().scale(1.0 / (n - 1))));
        if (e.size() == 0) {
            throw new FitException(WHO, "every training row is the same point; the covariance is zero", "use more varied rows");
        }
        int r = e.size();
        double[] coef = new double[r * n];
        Matrix u = e.vectors();
        for (int q = 0; q < r; q++) {
            double s = 1.0 / (e.value(q) * Math.sqrt(n - 1.0));
            for (int i = 0; i < n; i++) {
                coef[q * n + i] = s * u.get(i, q);
            }
        }
        return Matrix.of(r, n, coef).times(centred);
    }

    /** The sample covariance (ddof = 1) of the rows of x. */
    public static Matrix covariance(Matrix x) {
        return Centring.covariance(x);
    }
}
