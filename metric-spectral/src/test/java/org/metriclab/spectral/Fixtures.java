package org.metriclab.spectral;

import java.util.SplittableRandom;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;

/** Small synthetic problems and brute-force helpers shared by the reference tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** Gaussian classes in d dims: class c is shifted by {@code separation} along feature c mod d; feature j has std 1 + j/2. */
    static Dataset gaussians(long seed, int perClass, int classes, int d, double separation) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = perClass * classes;
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = r.nextGaussian() * (1 + 0.5 * j) + (j == y[i] % d ? separation : 0.0);
            }
        }
        return new Dataset("gaussians", Matrix.of(n, d, x), Labels.of(y));
    }

    /** All unordered pairs: similar when labels agree. */
    static Pairs allPairs(Dataset data) {
        int n = data.size();
        int m = n * (n - 1) / 2;
        int[] a = new int[m];
        int[] b = new int[m];
        boolean[] s = new boolean[m];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                a[k] = i;
                b[k] = j;
                s[k] = data.labels().get(i) == data.labels().get(j);
                k++;
            }
        }
        return new Pairs(a, b, s);
    }

    /** Σ over the selected pairs of (x_i − x_j)(x_i − x_j)ᵀ by explicit outer products. */
    static double[][] bruteScatter(Matrix x, Pairs p, boolean similar) {
        int d = x.cols();
        double[][] s = new double[d][d];
        for (int k = 0; k < p.size(); k++) {
            if (p.isSimilar(k) != similar) {
                continue;
            }
            double[] a = x.row(p.left(k));
            double[] b = x.row(p.right(k));
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    s[i][j] += (a[i] - b[i]) * (a[j] - b[j]);
                }
            }
        }
        return s;
    }

    static double traceProduct(Matrix a, Matrix b) {
        double s = 0;
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                s += a.get(i, j) * b.get(j, i);
            }
        }
        return s;
    }

    /** A random PSD matrix GᵀG with G of the given rank. */
    static Matrix randomPsd(SplittableRandom r, int d, int rank) {
        double[] g = new double[rank * d];
        for (int i = 0; i < g.length; i++) {
            g[i] = r.nextGaussian();
        }
        return Matrix.of(rank, d, g).gram();
    }
}
