package org.metriclab.probabilistic;

import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;

/**
 * The discriminant directions of linear discriminant analysis on a set of labelled rows, as unit
 * vectors, most discriminative first. Computed like scikit-learn's SVD solver: the within-class
 * centred rows are scaled by their per-feature standard deviation and whitened on the directions
 * whose singular value exceeds {@link #RANK_TOLERANCE} (near-null within-class directions are
 * dropped, never inverted); the class means are mapped into that whitened space, weighted by
 * √(n·prior/(n − c)), and their principal axes with singular value above {@link #RANK_TOLERANCE}
 * times the largest give the directions (at most c − 1).
 */
record LocalLda(double[][] directions) {
    static final double RANK_TOLERANCE = 1e-4;

    static LocalLda fit(double[][] x, int[] y) {
        int n = x.length;
        int d = x[0].length;
        int[] classes = java.util.Arrays.stream(y).distinct().sorted().toArray();
        int c = classes.length;
        if (c < 2 || n <= c) {
            return new LocalLda(new double[0][]);
        }
        double[][] means = new double[c][d];
        int[] count = new int[c];
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = java.util.Arrays.binarySearch(classes, y[i]);
            count[index[i]]++;
            for (int a = 0; a < d; a++) {
                means[index[i]][a] += x[i][a];
            }
        }
        for (int k = 0; k < c; k++) {
            for (int a = 0; a < d; a++) {
                means[k][a] /= count[k];
            }
        }
        double[] std = new double[d];
        double[][] centred = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                centred[i][a] = x[i][a] - means[index[i]][a];
                std[a] += centred[i][a] * centred[i][a] / n;
            }
        }
        for (int a = 0; a < d; a++) {
            std[a] = std[a] > 0 ? Math.sqrt(std[a]) : 1.0;
        }
        double fac = 1.0 / (n - c);
        double[] gram = new double[d * d];
        for (double[] row : centred) {
            for (int a = 0; a < d; a++) {
                double ra = row[a] / std[a];
                for (int b = a; b < d; b++) {
                    gram[a * d + b] += fac * ra * row[b] / std[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                gram[a * d + b] = gram[b * d + a];
            }
        }
        EigenPairs within = Eigen.symmetric(Matrix.of(d, d, gram));
        int rank = 0;
        while (rank < d && within.value(rank) > RANK_TOLERANCE * RANK_TOLERANCE) {
            rank++;
        }
        if (rank == 0) {
            return new LocalLda(new double[0][]);
        }
        // whiten[a][j] = v_j[a] / (std[a] · s_j): maps a raw direction into the whitened space
        double[][] whiten = new double[d][rank];
        Matrix v = within.vectors();
        for (int j = 0; j < rank; j++) {
            double s = Math.sqrt(within.value(j));
            for (int a = 0; a < d; a++) {
                whiten[a][j] = v.get(a, j) / (std[a] * s);
            }
        }
        double[] overall = new double[d];
        for (int k = 0; k < c; k++) {
            for (int a = 0; a < d; a++) {
                overall[a] += means[k][a] * count[k] / n;
            }
        }
        double[] between = new double[rank * rank];
        double[] z = new double[rank];
        for (int k = 0; k < c; k++) {
            double w = Math.sqrt(count[k] * fac);
            java.util.Arrays.fill(z, 0);
            for (int a = 0; a < d; a++) {
                double diff = w * (means[k][a] - overall[a]);
                for (int j = 0; j < rank; j++) {
                    z[j] += diff * whiten[a][j];
                }
            }
            for (int i = 0; i < rank; i++) {
                for (int j = 0; j < rank; j++) {
                    between[i * rank + j] += z[i] * z[j];
                }
            }
        }
        EigenPairs axes = Eigen.symmetric(Matrix.of(rank, rank, between));
        double top = axes.value(0);
        int keep = 0;
        while (keep < Math.min(rank, c - 1) && top > 0
                && axes.value(keep) > RANK_TOLERANCE * RANK_TOLERANCE * top) {
            keep++;
        }
        double[][] out = new double[keep][d];
        Matrix u = axes.vectors();
        for (int k = 0; k < keep; k++) {
            double norm = 0;
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int j = 0; j < rank; j++) {
                    s += whiten[a][j] * u.get(j, k);
                }
                out[k][a] = s;
                norm += s * s;
            }
            norm = Math.sqrt(norm);
            for (int a = 0; a < d; a++) {
                out[k][a] /= norm;
            }
        }
        return new LocalLda(out);
    }
}
