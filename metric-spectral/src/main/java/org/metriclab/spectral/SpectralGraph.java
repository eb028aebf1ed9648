package org.metriclab.spectral;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.metriclab.core.linalg.Cholesky;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.RowPairs;

/**
 * The neighbourhood-preserving regularisers of the regularised spectral learner, both d × d and in
 * units of a mean squared distance, built on each row's k nearest rows (Euclidean, ties to the lower
 * index, labels unused):
 * <ul>
 *   <li>LAPLACIAN: XᵀLX / |E| for the symmetric k-NN graph with 0/1 weights, i.e. the mean scatter
 *       Σ_{(i,j)∈E} (x_i − x_j)(x_i − x_j)ᵀ / |E| over its edges E: tr(UᵀRU) is the mean squared
 *       projected distance between neighbours.</li>
 *   <li>LLE: Xᵀ(I − W)ᵀ(I − W)X / n with W the locally linear reconstruction weights (Roweis &amp;
 *       Saul 2000: row i's weights on its neighbours minimise ‖x_i − Σ_j w_ij x_j‖² subject to
 *       Σ_j w_ij = 1, solved from the local Gram matrix plus 1e-3·its trace): tr(UᵀRU) is the mean
 *       squared projected reconstruction error.</li>
 * </ul>
 */
public enum SpectralGraph {
    LAPLACIAN, LLE;

    /** Relative ridge on the local Gram matrix of LLE (the value of Roweis &amp; Saul's code). */
    static final double LLE_RIDGE = 1e-3;

    /** The regulariser R for rows x and k neighbours per row (k is clipped to n − 1). */
    Matrix regularizer(Matrix x, int k) {
        int[][] nn = neighbours(x, k);
        return this == LAPLACIAN ? laplacian(x, nn) : lle(x, nn);
    }

    /** The min(k, n − 1) nearest other rows of every row, nearest first. */
    static int[][] neighbours(Matrix x, int k) {
        int n = x.rows();
        int d = x.cols();
        int kk = Math.min(k, n - 1);
        double[] data = x.toArray();
        int[][] out = new int[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] dist = new double[n];
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double diff = data[i * d + t] - data[j * d + t];
                    s += diff * diff;
                }
                dist[j] = j == i ? Double.POSITIVE_INFINITY : s;
            }
            out[i] = smallest(dist, kk);
        });
        return out;
    }

    /**
     * Indices of the k smallest values, nearest first: insertion into a sorted buffer of k, O(n·k);
     * scanning upwards with a strict comparison puts ties at the lower index first.
     */
    private static int[] smallest(double[] dist, int k) {
        int[] idx = new int[k];
        double[] val = new double[k];
        int size = 0;
        for (int j = 0; j < dist.length; j++) {
            if (dist[j] == Double.POSITIVE_INFINITY || (size == k && dist[j] >= val[k - 1])) {
                continue;
            }
            int pos = size < k ? size++ : k - 1;
            while (pos > 0 && val[pos - 1] > dist[j]) {
                val[pos] = val[pos - 1];
                idx[pos] = idx[pos - 1];
                pos--;
            }
            val[pos] = dist[j];
            idx[pos] = j;
        }
        return Arrays.copyOf(idx, size);
    }

    private static Matrix laplacian(Matrix x, int[][] nn) {
        Set<Long> edges = new LinkedHashSet<>();
        int n = nn.length;
        for (int i = 0; i < n; i++) {
            for (int j : nn[i]) {
                edges.add((long) Math.min(i, j) * n + Math.max(i, j));
            }
        }
        int[] left = new int[edges.size()];
        int[] right = new int[edges.size()];
        int c = 0;
        for (long e : edges) {
            left[c] = (int) (e / n);
            right[c++] = (int) (e % n);
        }
        return new RowPairs(left, right).scatter(x).scale(1.0 / Math.max(1, edges.size()));
    }

    /** Reconstruction weights of row i on its neighbours (they sum to 1). */
    static double[] lleWeights(Matrix x, int i, int[] nbrs) {
        int k = nbrs.length;
        int d = x.cols();
        double[] diff = new double[k * d];
        for (int a = 0; a < k; a++) {
            for (int t = 0; t < d; t++) {
                diff[a * d + t] = x.get(i, t) - x.get(nbrs[a], t);
            }
        }
        Matrix z = Matrix.of(k, d, diff);
        Matrix gram = z.times(z.transpose()).symmetrize();
        double trace = gram.trace();
        Matrix reg = gram.plusIdentity(trace > 0 ? LLE_RIDGE * trace : 1.0);
        double[] ones = new double[k];
        Arrays.fill(ones, 1.0);
        double[] w = Cholesky.solve(reg, Matrix.of(k, 1, ones)).column(0);
        double sum = Arrays.stream(w).sum();
        for (int a = 0; a < k; a++) {
            w[a] /= sum;
        }
        return w;
    }

    private static Matrix lle(Matrix x, int[][] nn) {
        int n = x.rows();
        int d = x.cols();
        double[] residual = new double[n * d];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] w = lleWeights(x, i, nn[i]);
            for (int t = 0; t < d; t++) {
                double r = x.get(i, t);
                for (int a = 0; a < w.length; a++) {
                    r -= w[a] * x.get(nn[i][a], t);
                }
                residual[i * d + t] = r;
            }
        });
        return Matrix.of(n, d, residual).gram().scale(1.0 / n);
    }
}
