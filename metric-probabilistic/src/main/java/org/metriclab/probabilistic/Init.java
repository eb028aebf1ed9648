package org.metriclab.probabilistic;

import org.metriclab.core.linalg.Centring;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;

/**
 * Starting transformations L (p×d) for the gradient-based learners: {@code identity} is the first p
 * rows of the identity (metric-learn's {@code init='identity'}, the plain Euclidean metric when
 * p = d); {@code pca} is the top-p principal directions of the training rows (unit rows).
 */
public enum Init {
    IDENTITY, PCA;

    /** The p×d starting matrix, row-major. */
    double[] transformation(Matrix x, int p) {
        int d = x.cols();
        double[] l = new double[p * d];
        if (this == IDENTITY) {
            for (int a = 0; a < p; a++) {
                l[a * d + a] = 1.0;
            }
            return l;
        }
        EigenPairs e = Eigen.symmetric(Centring.scatter(x)).top(p);
        for (int a = 0; a < p; a++) {
            for (int k = 0; k < d; k++) {
                l[a * d + k] = e.vectors().get(k, a);
            }
        }
        return l;
    }

    /** Resolves a requested output dimension: 0 means d; otherwise 1 ≤ dims ≤ d. */
    static int outputDim(int dims, int d, String owner) {
        if (dims == 0) {
            return d;
        }
        if (dims < 0 || dims > d) {
            throw new IllegalArgumentException(owner + ": dims must be in 1.." + d + " (or 0 for all), got " + dims);
        }
        return dims;
    }
}
