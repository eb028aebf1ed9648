package org.metriclab.spectral;

import java.util.stream.IntStream;
import org.metriclab.core.linalg.Matrix;

/**
 * The kernel matrix of the rows of x, doubly centred in feature space: K̃_ij = K_ij − m_i − m_j + μ with
 * m_i the mean of row i and μ the grand mean, the shared first step of kernel FDA and the kernel PCA
 * feature map. The row means and μ are kept because a {@link KernelMetric} centres new kernel vectors
 * with them.
 */
final class CentredGram {
    private final int n;
    private final double[] values;
    private final double[] columnMeans;
    private final double grandMean;
    private final Matrix symmetric;

    private CentredGram(int n, double[] values, double[] columnMeans, double grandMean, Matrix symmetric) {
        this.n = n;
        this.values = values;
        this.columnMeans = columnMeans;
        this.grandMean = grandMean;
        this.symmetric = symmetric;
    }

    /**
     * Evaluates and centres k over all row pairs of x; {@code who} names the learner in the one-line
     * failure when the kernel values overflow.
     */
    static CentredGram of(String who, Kernel k, Matrix x) {
        int n = x.rows();
        int d = x.cols();
        double[] data = x.toArray();
        double[] kk = new double[n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j < n; j++) {
                kk[i * n + j] = k.apply(data, i * d, data, j * d, d);
            }
        });
        double[] colMeans = new double[n];
        double grand = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += kk[i * n + j];
            }
            colMeans[i] = s / n;
            grand += s / n;
        }
        double mu = grand / n;
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j < n; j++) {
                kk[i * n + j] += mu - colMeans[i] - colMeans[j];
            }
        });
        Matrix centred = Matrix.of(n, n, kk).symmetrize();
        if (!centred.isFinite()) {
            throw new IllegalArgumentException(who + ": the kernel matrix overflowed; lower gamma or the polynomial degree");
        }
        return new CentredGram(n, kk, colMeans, mu, centred);
    }

    /** K̃_ij as computed (before symmetrisation). */
    double get(int i, int j) {
        return values[i * n + j];
    }

    /** K̃ with (K̃ + K̃ᵀ)/2 removing the rounding asymmetry of the centring, for eigensolvers. */
    Matrix matrix() {
        return symmetric;
    }

    /** The row means m_i of the uncentred kernel matrix (equal to its column means). */
    double[] columnMeans() {
        return columnMeans.clone();
    }

    /** The grand mean μ of the uncentred kernel matrix. */
    double grandMean() {
        return grandMean;
    }
}
