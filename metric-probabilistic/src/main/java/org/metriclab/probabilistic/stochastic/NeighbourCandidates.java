package org.metriclab.probabilistic.stochastic;

import java.util.Arrays;
import org.metriclab.core.data.RowSource;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.ReferenceTiles;
import org.metriclab.eval.knn.TiledSearch;

/**
 * The candidate rows of {@code approximate_knn}: under the current L, each row's exact nearest rows,
 * found by metric-eval's tiled exact distance search over the embedded data (Z = X Lᵀ, n×p). With
 * classes: the k nearest rows of the same class and the k nearest of other classes (2k candidates;
 * the targets and the impostors the softmax is dominated by); without (regression targets): the k
 * nearest rows. Self is never a candidate.
 *
 * <p>Cost: one exact n×n distance pass (O(n²p) time, O(n·p) memory for Z plus the engine's
 * block buffer), so the solver refreshes the candidates only every few epochs.
 */
final class NeighbourCandidates {
    private NeighbourCandidates() {
    }

    /**
     * Per row i: {@code same[i]}, its k nearest rows of its own class (all rows when classes is null),
     * nearest first, and {@code other[i]}, its k nearest rows of other classes (empty without classes).
     */
    record Found(int[][] same, int[][] other) {
        /** Both lists of each row together, ascending by row index. */
        int[][] merged() {
            int[][] out = new int[same.length][];
            for (int i = 0; i < out.length; i++) {
                int[] c = Arrays.copyOf(same[i], same[i].length + other[i].length);
                System.arraycopy(other[i], 0, c, same[i].length, other[i].length);
                Arrays.sort(c);
                out[i] = c;
            }
            return out;
        }
    }

    /** The nearest candidates of every row under L (p×d). */
    static Found find(RowSource x, double[] l, int p, int[] classes, int k) {
        int n = x.rows();
        int d = x.dim();
        double[] z = new double[n * p];
        int chunk = 4096;
        for (int start = 0; start < n; start += chunk) {
            int[] rows = new int[Math.min(n, start + chunk) - start];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = start + r;
            }
            double[] e = SoftNeighborKernel.embed(x.gather(rows), rows.length, d, l, p);
            System.arraycopy(e, 0, z, start * p, e.length);
        }
        EmbeddingRows rows = EmbeddingRows.of(z, n, p, "embedded training rows");
        ReferenceTiles tiles = new ReferenceTiles(rows);
        int[][] near = new int[n][];
        int[][] far = new int[n][];
        TiledSearch.forEachRow(rows, tiles, () -> {
            Nearest same = new Nearest(k);
            Nearest other = new Nearest(k);
            return (q, dist, off) -> {
                same.clear();
                other.clear();
                for (int j = 0; j < n; j++) {
                    if (j == q) {
                        continue;
                    }
                    if (classes == null || classes[j] == classes[q]) {
                        same.offer(dist[off + j], j);
                    } else {
                        other.offer(dist[off + j], j);
                    }
                }
                near[q] = Arrays.copyOf(same.index, same.size);
                far[q] = Arrays.copyOf(other.index, other.size);
            };
        });
        return new Found(near, far);
    }

    /** The k smallest offered distances with their rows, kept sorted by insertion (k is small). */
    private static final class Nearest {
        final double[] distance;
        final int[] index;
        int size;

        Nearest(int k) {
            distance = new double[k];
            index = new int[k];
        }

        void clear() {
            size = 0;
        }

        void offer(double v, int j) {
            int k = distance.length;
            if (size == k && !(v < distance[k - 1])) {
                return;
            }
            int pos = size == k ? k - 1 : size++;
            while (pos > 0 && distance[pos - 1] > v) {
                distance[pos] = distance[pos - 1];
                index[pos] = index[pos - 1];
                pos--;
            }
            distance[pos] = v;
            index[pos] = j;
        }
    }
}
