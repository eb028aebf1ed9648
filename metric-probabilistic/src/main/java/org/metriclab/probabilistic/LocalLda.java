package org.metriclab.probabilistic;

import java.util.Arrays;
import java.util.Optional;
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
 * deviation would otherwise pose as a unit-variance feature and dominate the directions). With G
 * the scaled within-class covariance and A the class means (rows √(n·prior)(m_k − m̄)/std), the
 * directions are the principal axes of the whitened means Z = A W for any W with WᵀGW = I, at most
 * c − 1 with singular value above {@link #RANK_TOLERANCE} times the largest, mapped back through W.
 * Since W Wᵀ = G⁻¹, they follow from X = G⁻¹Aᵀ alone: Z Zᵀ = A X (c × c), and an axis u of Z Zᵀ maps
 * back to X u. Like scikit-learn, only the within-class directions whose eigenvalue exceeds
 * {@link #RANK_TOLERANCE}² are kept, so that near-null ones are dropped rather than inverted: when G is
 * definite with ‖G⁻¹‖_F below 1/{@link #RANK_TOLERANCE}² (which bounds every eigenvalue from below),
 * G⁻¹ comes from its Cholesky factor; otherwise from G's eigenvectors over the eigenvalues above the
 * threshold (a truncated pseudo-inverse).
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
        Groups groups = Groups.of(y, classes);
        double[][] means = groups.means(x);
        int dAll = x[0].length;
        // the within-class centred rows and each feature's sum of squared deviations
        double[] centred = new double[n * dAll];
        double[] var = new double[dAll];
        for (int i = 0; i < n; i++) {
            centre(x[i], means[groups.index()[i]], centred, i * dAll, var);
        }
        int[] cols = IntStream.range(0, dAll).filter(a -> var[a] > 0).toArray();
        int d = cols.length;
        if (d == 0) {
            return new LocalLda(new double[0][]);
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(var[cols[j]] / n);
        }
        Matrix aT = weightedMeans(means, groups.count(), cols, std, n);
        Inverted inv = inverseTimes(scaledGram(centred, dAll, cols, std, 1.0 / (n - c)), aT);
        if (inv.rank() == 0) {
            return new LocalLda(new double[0][]);
        }
        EigenPairs axes = Eigen.symmetric(aT.transpose().times(inv.product()).symmetrize());
        double top = axes.value(0);
        int keep = 0;
        while (keep < Math.min(inv.rank(), c - 1) && top > 0 && axes.value(keep) > RANK_TOLERANCE * RANK_TOLERANCE * top) {
            keep++;
        }
        return new LocalLda(directions(inv.product().times(axes.vectors()), keep, cols, std, dAll));
    }

    /** Each row's class (an index into the sorted classes), the class sizes and each class's first row. */
    private record Groups(int[] index, int[] count, int[] first) {
        static Groups of(int[] y, int[] classes) {
            int[] index = new int[y.length];
            int[] count = new int[classes.length];
            int[] first = new int[classes.length];
            Arrays.fill(first, -1);
            for (int i = 0; i < y.length; i++) {
                index[i] = Arrays.binarySearch(classes, y[i]);
                count[index[i]]++;
                if (first[index[i]] < 0) {
                    first[index[i]] = i;
                }
            }
            return new Groups(index, count, first);
        }

        /**
         * Each class mean as its first row plus the mean offset from that row: a feature constant within
         * the class then has exactly that constant as its mean and exactly zero within-class deviation.
         */
        double[][] means(double[][] x) {
            double[][] means = new double[count.length][x[0].length];
            for (int i = 0; i < x.length; i++) {
                addDifference(x[i], x[first[index[i]]], means[index[i]]);
            }
            for (int k = 0; k < count.length; k++) {
                double[] origin = x[first[k]];
                for (int a = 0; a < origin.length; a++) {
                    means[k][a] = origin[a] + means[k][a] / count[k];
                }
            }
            return means;
        }
    }

    /** G = f Σ_i s_i s_iᵀ over the centred rows' kept columns scaled by their standard deviation (s_i). */
    private static Matrix scaledGram(double[] centred, int dAll, int[] cols, double[] std, double f) {
        int d = cols.length;
        double[] gram = new double[d * d];
        double[] row = new double[d];
        for (int o = 0; o < centred.length; o += dAll) {
            for (int j = 0; j < d; j++) {
                row[j] = centred[o + cols[j]] / std[j];
            }
            addScaledOuterUpper(row, f, gram);
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                gram[a * d + b] = gram[b * d + a];
            }
        }
        return Matrix.of(d, d, gram);
    }

    /** Aᵀ (d × c): column k = √(count_k) (m_k − m̄) / std over the kept columns, m̄ the overall mean. */
    private static Matrix weightedMeans(double[][] means, int[] count, int[] cols, double[] std, int n) {
        int c = count.length;
        int d = cols.length;
        double[] overall = new double[d];
        for (int k = 0; k < c; k++) {
            for (int j = 0; j < d; j++) {
                overall[j] += means[k][cols[j]] * count[k] / n;
            }
        }
        double[] at = new double[d * c];
        for (int k = 0; k < c; k++) {
            double s = Math.sqrt(count[k]);
            for (int j = 0; j < d; j++) {
                at[j * c + k] = s * (means[k][cols[j]] - overall[j]) / std[j];
            }
        }
        return Matrix.of(d, c, at);
    }

    /** The first {@code keep} columns of {@code mapped}, divided by std, normalised and placed back in all dAll features. */
    private static double[][] directions(Matrix mapped, int keep, int[] cols, double[] std, int dAll) {
        double[][] out = new double[keep][dAll];
        for (int t = 0; t < keep; t++) {
            double norm = 0;
            for (int j = 0; j < cols.length; j++) {
                double s = mapped.get(j, t) / std[j];
                out[t][cols[j]] = s;
                norm += s * s;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < cols.length; j++) {
                out[t][cols[j]] /= norm;
            }
        }
        return out;
    }

    /** The upper triangle of g (row-major, row.length square) += f·row rowᵀ; small, so compiled early in a run. */
    private static void addScaledOuterUpper(double[] row, double f, double[] g) {
        int d = row.length;
        for (int a = 0; a < d; a++) {
            double ra = f * row[a];
            int o = a * d;
            for (int b = a; b < d; b++) {
                g[o + b] += ra * row[b];
            }
        }
    }

    /** acc += a − b. */
    private static void addDifference(double[] a, double[] b, double[] acc) {
        for (int j = 0; j < a.length; j++) {
            acc[j] += a[j] - b[j];
        }
    }

    /** out[o + j] = x_j − mean_j and var_j += (x_j − mean_j)². */
    private static void centre(double[] x, double[] mean, double[] out, int o, double[] var) {
        for (int j = 0; j < x.length; j++) {
            double t = x[j] - mean[j];
            out[o + j] = t;
            var[j] += t * t;
        }
    }

    /** G⁻¹B on G's well-determined directions (see the class comment), and the number of those directions. */
    private record Inverted(Matrix product, int rank) {
    }

    private static Inverted inverseTimes(Matrix g, Matrix b) {
        int d = g.rows();
        Optional<Cholesky.Factor> factor = Cholesky.factor(g);
        if (factor.isPresent()) {
            Matrix inverse = factor.get().solve(Matrix.identity(d));
            // ‖G⁻¹‖_F ≥ 1/λ_min(G): below 1/tolerance², every eigenvalue of G exceeds the tolerance², so the
            // truncation keeps all d directions and G⁻¹ itself applies
            if (inverse.frobeniusNorm() < 1 / (RANK_TOLERANCE * RANK_TOLERANCE)) {
                return new Inverted(inverse.times(b), d);
            }
        }
        // not positive definite, or ill-conditioned: V_r Λ_r⁻¹ V_rᵀ B over the eigenvalues above the tolerance
        EigenPairs e = Eigen.symmetric(g);
        int r = 0;
        while (r < d && e.value(r) > RANK_TOLERANCE * RANK_TOLERANCE) {
            r++;
        }
        EigenPairs kept = e.top(r);
        Matrix projected = kept.vectors().transpose().times(b);
        double[] p = projected.toArray();
        int cols = b.cols();
        for (int q = 0; q < r; q++) {
            for (int k = 0; k < cols; k++) {
                p[q * cols + k] /= kept.value(q);
            }
        }
        return new Inverted(kept.vectors().times(Matrix.of(r, cols, p)), r);
    }

    /**
     * The lower Cholesky factor (d × d, row-major) of a symmetric matrix, or null when the matrix is not
     * positive definite to working precision.
     */
    static double[] lowerCholesky(double[] a, int d) {
        return Cholesky.factor(Matrix.of(d, d, a)).map(f -> f.lower().toArray()).orElse(null);
    }
}
