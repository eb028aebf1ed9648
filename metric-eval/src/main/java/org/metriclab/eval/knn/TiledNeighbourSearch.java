package org.metriclab.eval.knn;

import java.util.Arrays;
import org.metriclab.core.stochastic.NeighbourSearch;

/**
 * The learners' exact k-nearest search ({@link NeighbourSearch}) on this module's retrieval engine: one
 * {@link TiledSearch} pass over all rows against all rows, each query's row of distances split by label
 * into two bounded sorted lists. Registered in {@code META-INF/services}.
 */
public final class TiledNeighbourSearch implements NeighbourSearch {
    @Override
    public Neighbours nearest(double[] z, int n, int p, int[] labels, int k) {
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException("labels must have one entry per row (" + n + "), got " + labels.length);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
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
                    if (labels == null || labels[j] == labels[q]) {
                        same.offer(dist[off + j], j);
                    } else {
                        other.offer(dist[off + j], j);
                    }
                }
                near[q] = Arrays.copyOf(same.index, same.size);
                far[q] = Arrays.copyOf(other.index, other.size);
            };
        });
        return new Neighbours(near, far);
    }

    /**
     * The k smallest offered distances with their rows, kept sorted by insertion (k is small). Rows
     * arrive in ascending order and only a strictly smaller distance moves ahead, so ties keep the
     * lower row first.
     */
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
