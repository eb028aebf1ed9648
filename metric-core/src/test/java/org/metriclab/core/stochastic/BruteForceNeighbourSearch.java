package org.metriclab.core.stochastic;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The reference {@link NeighbourSearch}: every pair's Σ_t (z_q,t − z_j,t)², summed in dimension order,
 * and a full sort of each row by (distance, row). Learner modules register it in their test resources
 * (they do not depend on metric-eval); metric-eval's tests compare its engine with it.
 */
public final class BruteForceNeighbourSearch implements NeighbourSearch {
    @Override
    public Neighbours nearest(double[] z, int n, int p, int[] labels, int k) {
        int[][] same = new int[n][];
        int[][] other = new int[n][];
        for (int q = 0; q < n; q++) {
            double[] dist = new double[n];
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int t = 0; t < p; t++) {
                    double v = z[q * p + t] - z[j * p + t];
                    s += v * v;
                }
                dist[j] = s;
            }
            int query = q;
            Integer[] order = new Integer[n];
            Arrays.setAll(order, j -> j);
            Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> dist[j]).thenComparingInt(j -> j));
            same[q] = Arrays.stream(order).filter(j -> j != query && (labels == null || labels[j] == labels[query]))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            other[q] = labels == null ? new int[0] : Arrays.stream(order).filter(j -> labels[j] != labels[query])
                    .limit(k).mapToInt(Integer::intValue).toArray();
        }
        return new Neighbours(same, other);
    }
}
