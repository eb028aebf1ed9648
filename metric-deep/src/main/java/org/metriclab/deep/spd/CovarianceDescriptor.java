package org.metriclab.deep.spd;

import org.metriclab.core.linalg.Matrix;

/**
 * The preprocessing that turns one data row into the SPD matrix SPDNet takes. Covariance descriptors
 * ({@link #covariance}) use the sample covariance C (divided by count − 1) of observations drawn from
 * the row, regularised to C + ridge · (tr C / k + 1e-12) · I (k the order) so that it is positive
 * definite even for a constant row: {@link RegionCovariance}, the region covariance of an image (Tuzel,
 * Porikli &amp; Meer, ECCV 2006), and {@link BlockCovariance}, the row cut into consecutive blocks, each
 * block one observation. {@link GaussianEmbedding} takes any row, as the SPD embedding of a Gaussian
 * centred on it.
 */
public sealed interface CovarianceDescriptor permits RegionCovariance, BlockCovariance, GaussianEmbedding {
    /** The config name ({@code descriptor}). */
    String configName();

    /** Relative regularisation of the covariance. */
    double ridge();

    /** The order of the SPD matrices for rows of the given width; refuses widths the descriptor cannot use. */
    int order(int inputDim);

    /** The SPD matrix of one row. */
    Matrix describe(double[] row);

    /** The regularised covariance of observations (count × k, row-major). */
    static Matrix covariance(double[] obs, int k, double ridge) {
        int count = obs.length / k;
        double[] mean = new double[k];
        for (int o = 0; o < count; o++) {
            for (int j = 0; j < k; j++) {
                mean[j] += obs[o * k + j] / count;
            }
        }
        double[] c = new double[k * k];
        for (int o = 0; o < count; o++) {
            for (int i = 0; i < k; i++) {
                double di = obs[o * k + i] - mean[i];
                for (int j = i; j < k; j++) {
                    c[i * k + j] += di * (obs[o * k + j] - mean[j]);
                }
            }
        }
        double trace = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                c[i * k + j] /= count - 1;
                c[j * k + i] = c[i * k + j];
            }
            trace += c[i * k + i];
        }
        double shift = ridge * (trace / k + 1e-12);
        for (int i = 0; i < k; i++) {
            c[i * k + i] += shift;
        }
        return Matrix.of(k, k, c);
    }

    static void requireRidge(double ridge) {
        if (!(ridge > 0) || !Double.isFinite(ridge)) {
            throw new IllegalArgumentException("ridge must be a positive number (e.g. 1e-3), got " + ridge);
        }
    }
}
