package org.metriclab.spectral;

import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;

/**
 * How generalized eigenvectors (columns φ_k with φᵀBφ = I) become the rows of L (metric-learn's
 * LFDA {@code embedding_type}): WEIGHTED scales φ_k by √max(λ_k, 0); ORTHONORMALIZED replaces them
 * by an orthonormal basis of their span (QR, Gram–Schmidt in eigenvalue order); PLAIN keeps them.
 */
public enum Embedding {
    WEIGHTED, ORTHONORMALIZED, PLAIN;

    /** L (p × d) from the p eigenpairs given. */
    Matrix transform(EigenPairs pairs) {
        Matrix v = pairs.vectors();
        int d = v.rows();
        int p = v.cols();
        double[] l = new double[p * d];
        for (int k = 0; k < p; k++) {
            double s = this == WEIGHTED ? Math.sqrt(Math.max(pairs.value(k), 0.0)) : 1.0;
            for (int j = 0; j < d; j++) {
                l[k * d + j] = s * v.get(j, k);
            }
        }
        if (this == ORTHONORMALIZED) {
            gramSchmidt(l, p, d);
        }
        return Matrix.of(p, d, l);
    }

    private static void gramSchmidt(double[] l, int p, int d) {
        for (int k = 0; k < p; k++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int q = 0; q < k; q++) {
                    double dot = 0;
                    for (int j = 0; j < d; j++) {
                        dot += l[k * d + j] * l[q * d + j];
                    }
                    for (int j = 0; j < d; j++) {
                        l[k * d + j] -= dot * l[q * d + j];
                    }
                }
            }
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm += l[k * d + j] * l[k * d + j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < d; j++) {
                l[k * d + j] = norm > 1e-300 ? l[k * d + j] / norm : 0.0;
            }
        }
    }
}
