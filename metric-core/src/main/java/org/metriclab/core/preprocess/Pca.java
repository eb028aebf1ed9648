package org.metriclab.core.preprocess;

import java.util.Arrays;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.Matrix;

/**
 * Principal component projection fitted on training rows: y = Wᵀ(x − mean), W holding the top
 * eigenvectors of the sample covariance as columns.
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
        double[] mean = new double[d];
        for (int i = 0; i < train.rows(); i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += train.get(i, j);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= train.rows();
        }
        double[] c = train.toArray();
        for (int i = 0; i < train.rows(); i++) {
            for (int j = 0; j < d; j++) {
                c[i * d + j] -= mean[j];
            }
        }
        Matrix cov = Matrix.of(train.rows(), d, c).gram().scale(1.0 / (train.rows() - 1));
        EigenPairs top = Eigen.symmetric(cov).top(k);
        return new Pca(mean, top.vectors(), top.values());
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
