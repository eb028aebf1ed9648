package org.metriclab.probabilistic;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.metriclab.core.linalg.Cholesky;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;

/**
 * The discriminant directions of linear discriminant analysis on a set of labelled rows, as unit
 * vectors, most discriminative first, following scikit-learn's SVD solver: the within-class centred
 * rows are scaled by their per-feature standard deviation (features constant within every class
 * carry no within-class direction and are left out; the class means are formed so that such a
 * feature's deviations are exactly zero, since a rounding residual scaled up by its tiny standard
 * deviation would otherwise pose as a unit-variance feature and dominate the directions), the
 * scaled within-class covariance G is whitened by a matrix W with WᵀGW = I, the class means,
 * weighted by √(n·prior) and mapped through W, give at most c − 1 principal axes with singular value
 * above {@link #RANK_TOLERANCE} times the largest, and W maps those axes back. W is the inverse
 * transposed Cholesky factor of G when G is well conditioned (its pivots all exceed
 * {@link #RANK_TOLERANCE}); otherwise G's eigenvectors over the eigenvalues above
 * {@link #RANK_TOLERANCE}², scaled by their inverse square roots, so that near-null within-class
 * directions are dropped rather than inverted.
 */
record LocalLda(double[][] directions) {
    static final double RANK_TOLERANCE = 1e-4;

    static LocalLda fit(double[][] x, int[] y) {
        int n = x.length;
        int[] classes = Arrays.stream(y).distinct().sorted().toArray();
        int c = classes.length;
        if (c < 2 || n <= c) {
            return new LocalLda(new double[0][]);
        }
        int dAll = x[0].length;
        int[] count = new int[c];
        int[] index = new int[n];
        int[] first = new int[c];
        Arrays.fill(first, -1);
        for (int i = 0; i < n; i++) {
            index[i] = Arrays.binarySearch(classes, y[i]);
            count[index[i]]++;
            if (first[index[i]] < 0) {
                first[index[i]] = i;
            }
        }
        // each class mean as its first row plus the mean offset from that row: a feature constant within
        // the class then has exactly that constant as its mean and exactly zero within-class deviation
        double[][] means = new double[c][dAll];
        for (int i = 0; i < n; i++) {
            double[] origin = x[first[index[i]]];
            for (int a = 0; a < dAll; a++) {
                means[index[i]][a] += x[i][a] - origin[a];
            }
        }
        for (int k = 0; k < c; k++) {
            for (int a = 0; a < dAll; a++) {
                means[k][a] = x[first[k]][a] + means[k][a] / count[k];
            }
        }
        double[] var = new double[dAll];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dAll; a++) {
                double t = x[i][a] - means[index[i]][a];
                var[a] += t * t / n;
            }
        }
        int[] cols = IntStream.range(0, dAll).filter(a -> var[a] > 0).toArray();
        int d = cols.length;
        if (d == 0) {
            return new LocalLda(new double[0][]);
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(var[cols[j]]);
        }
        double fac = 1.0 / (n - c);
        double[] gram = new double[d * d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = (x[i][cols[j]] - means[index[i]][cols[j]]) / std[j];
            }
            for (int a = 0; a < d; a++) {
                double ra = fac * row[a];
                for (int b = a; b < d; b++) {
                    gram[a * d + b] += ra * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                gram[a * d + b] = gram[b * d + a];
            }
        }
        double[][] w = whitening(gram, d);
        int r = w[0].length;
        if (r == 0) {
            return new LocalLda(new double[0][]);
        }
        double[] overall = new double[d];
        for (int k = 0; k < c; k++) {
            for (int j = 0; j < d; j++) {
                overall[j] += means[k][cols[j]] * count[k] / n;
            }
        }
        // z[k] = Wᵀ a_k with a_k = √(count_k) (m_k − m̄) / std: the weighted class means in whitened coordinates
        double[][] z = new double[c][r];
        for (int k = 0; k < c; k++) {
            double s = Math.sqrt(count[k]);
            for (int j = 0; j < d; j++) {
                double a = s * (means[k][cols[j]] - overall[j]) / std[j];
                for (int q = 0; q < r; q++) {
                    z[k][q] += a * w[j][q];
                }
            }
        }
        // principal axes of Z through the small c × c matrix Z Zᵀ: v = Zᵀu / √λ
        double[] zzt = new double[c * c];
        for (int k = 0; k < c; k++) {
            for (int l = 0; l < c; l++) {
                double s = 0;
                for (int q = 0; q < r; q++) {
                    s += z[k][q] * z[l][q];
                }
                zzt[k * c + l] = s;
            }
        }
        EigenPairs axes = Eigen.symmetric(Matrix.of(c, c, zzt).symmetrize());
        double top = axes.value(0);
        int keep = 0;
        while (keep < Math.min(r, c - 1) && top > 0 && axes.value(keep) > RANK_TOLERANCE * RANK_TOLERANCE * top) {
            keep++;
        }
        double[][] out = new double[keep][dAll];
        Matrix u = axes.vectors();
        double[] v = new double[r];
        for (int t = 0; t < keep; t++) {
            Arrays.fill(v, 0);
            for (int k = 0; k < c; k++) {
                double uk = u.get(k, t);
                for (int q = 0; q < r; q++) {
                    v[q] += uk * z[k][q];
                }
            }
            double norm = 0;
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int q = 0; q < r; q++) {
                    s += w[j][q] * v[q];
                }
                s /= std[j];
                out[t][cols[j]] = s;
                norm += s * s;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < d; j++) {
                out[t][cols[j]] /= norm;
            }
        }
        return new LocalLda(out);
    }

    /** W (d × r) with Wᵀ G W = I on G's well-determined directions (see the class comment). */
    private static double[][] whitening(double[] gram, int d) {
        double[] lower = lowerCholesky(gram, d);
        if (lower != null) {
            double[][] l = new double[d][];
            boolean conditioned = true;
            for (int i = 0; i < d; i++) {
                l[i] = Arrays.copyOfRange(lower, i * d, i * d + d);
                conditioned &= l[i][i] > RANK_TOLERANCE;
            }
            if (conditioned) {
                // W = L⁻ᵀ: column q of L⁻¹ by forward substitution, stored transposed
                double[][] w = new double[d][d];
                for (int q = 0; q < d; q++) {
                    for (int i = q; i < d; i++) {
                        double s = i == q ? 1 : 0;
                        for (int k = q; k < i; k++) {
                            s -= l[i][k] * w[q][k];
                        }
                        w[q][i] = s / l[i][i];
                    }
                }
                return w;
            }
        }
        // not positive definite, or ill-conditioned: the truncated eigendecomposition
        EigenPairs e = Eigen.symmetric(Matrix.of(d, d, gram).symmetrize());
        double[] values = e.values();
        Matrix vectors = e.vectors();
        int r = 0;
        while (r < d && values[r] > RANK_TOLERANCE * RANK_TOLERANCE) {
            r++;
        }
        double[][] w = new double[d][r];
        for (int q = 0; q < r; q++) {
            double s = Math.sqrt(values[q]);
            for (int j = 0; j < d; j++) {
                w[j][q] = vectors.get(j, q) / s;
            }
        }
        return w;
    }

    /**
     * The lower Cholesky factor (d × d, row-major) of a symmetric matrix, or null when the matrix is not
     * positive definite to working precision.
     */
    static double[] lowerCholesky(double[] a, int d) {
        Matrix g = Matrix.of(d, d, a);
        return Cholesky.isPositiveDefinite(g) ? Cholesky.lower(g).toArray() : null;
    }
}
