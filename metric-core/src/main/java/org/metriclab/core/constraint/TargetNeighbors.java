package org.metriclab.core.constraint;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;

/**
 * The k nearest same-class neighbours of each row in the input space (Euclidean, ties by ascending
 * index), as LMNN's target neighbours.
 */
public final class TargetNeighbors {
    private TargetNeighbors() {
    }

    /** neighbours[i] holds the k nearest rows with i's label, nearest first. */
    public static int[][] of(Matrix x, Labels y, int k) {
        int[] sizes = y.classSizes();
        int smallest = Arrays.stream(sizes).min().orElse(0);
        if (k < 1 || k >= smallest) {
            throw new IllegalArgumentException("k = " + k + " target neighbours need every class to have more than k samples; "
                    + "the smallest class has " + smallest);
        }
        int n = x.rows();
        double[] data = x.toArray();
        int d = x.cols();
        int[][] out = new int[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            int[] same = y.indicesOf(y.get(i));
            double[] dist = new double[same.length];
            Integer[] order = new Integer[same.length];
            for (int t = 0; t < same.length; t++) {
                int j = same[t];
                order[t] = t;
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = data[i * d + c] - data[j * d + c];
                    s += diff * diff;
                }
                dist[t] = j == i ? Double.POSITIVE_INFINITY : s;
            }
            Arrays.sort(order, (a, b) -> {
                int c = Double.compare(dist[a], dist[b]);
                return c != 0 ? c : Integer.compare(same[a], same[b]);
            });
            int[] nb = new int[k];
            for (int t = 0; t < k; t++) {
                nb[t] = same[order[t]];
            }
            out[i] = nb;
        });
        return out;
    }
}
