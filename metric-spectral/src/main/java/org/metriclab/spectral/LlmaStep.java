package org.metriclab.spectral;

import org.metriclab.core.linalg.Matrix;

/**
 * One LLMA translation step: RBF centres c_j (m × d, positions at the start of the step) and their
 * translations b_j (rows of an m × d matrix). It moves any point z to z + Σ_j φ_j(z) b_j with
 * φ_j(z) = exp(−‖z − c_j‖² / (2σ²)), a smooth map that is close to a translation near each centre.
 */
record LlmaStep(Matrix centres, Matrix translations) {
    LlmaStep {
        if (centres == null || translations == null || centres.rows() != translations.rows()
                || centres.cols() != translations.cols() || centres.rows() == 0) {
            throw new IllegalArgumentException("llma step: need m ≥ 1 centres and m translations of the same dimension, got "
                    + (centres == null ? "none" : centres.shape()) + " and " + (translations == null ? "none" : translations.shape()));
        }
        if (centres.firstNonFinite() != null || translations.firstNonFinite() != null) {
            throw new IllegalArgumentException("llma step: centres and translations must be finite");
        }
    }

    /** The RBF weights φ_j(z) of the point stored at {@code z[offset .. offset + d)} against every centre. */
    static double[] weights(double[] z, int offset, double[] centres, int m, int d, double sigma) {
        double[] phi = new double[m];
        double scale = -0.5 / (sigma * sigma);
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int t = 0; t < d; t++) {
                double diff = z[offset + t] - centres[j * d + t];
                s += diff * diff;
            }
            phi[j] = Math.exp(scale * s);
        }
        return phi;
    }

    /** The n × m matrix Φ of RBF weights of every row of z against these centres. */
    Matrix features(Matrix z, double sigma) {
        return features(z, centres, sigma);
    }

    /** The n × m matrix Φ of RBF weights of every row of z against the rows of {@code centres}. */
    static Matrix features(Matrix z, Matrix centres, double sigma) {
        int n = z.rows();
        int m = centres.rows();
        int d = centres.cols();
        double[] data = z.toArray();
        double[] c = centres.toArray();
        double[] out = new double[n * m];
        java.util.stream.IntStream.range(0, n).parallel()
                .forEach(i -> System.arraycopy(weights(data, i * d, c, m, d, sigma), 0, out, i * m, m));
        return Matrix.of(n, m, out);
    }

    /** z + Φ(z) B for every row of z. */
    Matrix apply(Matrix z, double sigma) {
        return z.plus(features(z, sigma).times(translations));
    }
}
