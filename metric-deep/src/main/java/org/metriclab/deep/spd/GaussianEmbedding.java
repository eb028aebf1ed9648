package org.metriclab.deep.spd;

import org.metriclab.core.linalg.Matrix;

/**
 * A descriptor for any feature vector: the row x is taken as the mean of the Gaussian N(x, ridge·I),
 * embedded as the SPD matrix [[ridge·I + x xᵀ, x], [xᵀ, 1]] of order d + 1 (the embedding of Gaussians
 * into SPD matrices of Lovrić, Min-Oo &amp; Ruh, 2000). It is positive definite for every x (its Schur
 * complement is ridge·I) and determines x (the last column), so SPDNet can run on data that is neither
 * an image nor a set of observations.
 */
public record GaussianEmbedding(double ridge) implements CovarianceDescriptor {
    public GaussianEmbedding {
        CovarianceDescriptor.requireRidge(ridge);
    }

    @Override
    public String configName() {
        return "gaussian";
    }

    @Override
    public int order(int inputDim) {
        return inputDim + 1;
    }

    @Override
    public Matrix describe(double[] row) {
        int d = row.length;
        int k = d + 1;
        double[] m = new double[k * k];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                m[i * k + j] = row[i] * row[j] + (i == j ? ridge : 0);
            }
            m[i * k + d] = row[i];
            m[d * k + i] = row[i];
        }
        m[d * k + d] = 1;
        return Matrix.of(k, k, m);
    }
}
