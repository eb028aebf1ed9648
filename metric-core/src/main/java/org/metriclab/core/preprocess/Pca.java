package org.metriclab.core.preprocess;

import java.util.Arrays;
import org.metriclab.core.linalg.Centring;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.EigenTruncation;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.resource.MemoryBudget;

/**
 * Principal component projection fitted on training rows: y = Wᵀ(x − mean), W holding the top
 * eigenvectors of the sample covariance as columns. With fewer rows than features they come from the
 * n × n Gram matrix, so wide data (60 rows × 10,000 features) reduce in well under a second.
 */
public record Pca(double[] mean, Matrix components, double[] explainedVariance) implements Transform {
    public Pca {
        mean = mean.clone();
        explainedVariance = explainedVariance.clone();
        if (components.rows() != mean.length) {
            throw new IllegalArgumentException("components " + components.shape() + " do not match " + mean.length + " features");
        }
    }

    /** Fits the top {@code k} components. */
    public static Pca fit(Matrix train, int k) {
        int d = train.cols();
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("PCA components must be in 1.." + d + ", got " + k);
        }
        if (train.rows() < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 training rows, got " + train.rows());
        }
        Centring centring = Centring.of(train);
        double[] mean = centring.means();
        int n = train.rows();
        if (Math.min(n, d) > Eigen.PRACTICAL_LIMIT) {
            throw new IllegalArgumentException("PCA of " + n + " rows × " + d + " features needs a " + Math.min(n, d) + " × "
                    + Math.min(n, d) + " eigendecomposition (limit " + Eigen.PRACTICAL_LIMIT + "); subsample the training rows");
        }
        long doubles = d <= n ? 4L * d * d + 2L * n * d : 4L * n * n + 3L * n * d;
        MemoryBudget.require(MemoryBudget.bytes(doubles, MemoryBudget.DOUBLE), "PCA of " + n + " rows × " + d + " features",
                "subsample the training rows");
        Matrix centred = centring.apply(train);
        if (d <= n) {
            EigenPairs top = Eigen.symmetric(centred.gram().scale(1.0 / (n - 1))).top(k);
            return new Pca(mean, top.vectors(), top.values());
        }
        return dual(mean, centred, k);
    }

    /**
     * More features than rows: the covariance XcᵀXc/(n−1) shares its non-zero eigenvalues λ with the
     * n × n Gram XcXcᵀ/(n−1), and its eigenvector is v = Xcᵀu/√((n−1)λ). Costs O(n²d) instead of O(nd² + d³),
     * and only the n − 1 directions the rows span (rank above the core eigenvalue policy) exist.
     */
    private static Pca dual(double[] mean, Matrix centred, int k) {
        int n = centred.rows();
        int d = centred.cols();
        EigenPairs e = EigenTruncation.DEFAULT.kept(Eigen.symmetric(centred.transpose().gram().scale(1.0 / (n - 1))));
        if (k > e.size()) {
            throw new IllegalArgumentException("PCA components must be at most " + e.size() + " here: " + n
                    + " training rows span only " + e.size() + " directions of the " + d + " features, got " + k);
        }
        double[] coef = new double[k * n];
        Matrix u = e.vectors();
        for (int q = 0; q < k; q++) {
            double s = 1.0 / Math.sqrt((n - 1) * e.value(q));
            for (int i = 0; i < n; i++) {
                coef[q * n + i] = s * u.get(i, q);
            }
        }
        Matrix components = Matrix.of(k, n, coef).times(centred).transpose();
        return new Pca(mean, components, Arrays.copyOf(e.values(), k));
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    @Override
    public int inputDim() {
        return mean.length;
    }

    @Override
    public int outputDim() {
        return components.cols();
    }

    @Override
    public double[] apply(double[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("PCA takes " + mean.length + " features, got " + x.length);
        }
        double[] centred = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            centred[j] = x[j] - mean[j];
        }
        return components.transpose().times(centred);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pca p && Arrays.equals(mean, p.mean) && components.equals(p.components);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + components.hashCode();
    }

    @Override
    public String toString() {
        return "Pca[" + mean.length + " → " + components.cols() + "]";
    }
}
