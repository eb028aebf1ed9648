package org.metriclab.benchmarks.knn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Vectors;

/**
 * Brute-force k-NN accuracy for the fit-time benchmarks: squared Euclidean distance between embedded
 * rows, ties in distance broken by reference index, majority vote, vote ties resolved to the nearest
 * tied class.
 */
public final class KnnAccuracy {

    private KnnAccuracy() {
    }

    /** Fraction of query rows whose k-NN vote among the reference rows equals the query label. */
    public static double of(Matrix ref, int[] refLabels, Matrix queries, int[] queryLabels, int k) {
        int correct = 0;
        for (int i = 0; i < queries.rows(); i++) {
            double[] qi = queries.row(i);
            double[] d = new double[ref.rows()];
            Integer[] order = new Integer[ref.rows()];
            for (int j = 0; j < ref.rows(); j++) {
                order[j] = j;
                d[j] = Vectors.squaredDistance(qi, ref.row(j));
            }
            Arrays.sort(order, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
            Map<Integer, Integer> votes = new HashMap<>();
            int best = 0;
            for (int t = 0; t < k; t++) {
                best = Math.max(best, votes.merge(refLabels[order[t]], 1, Integer::sum));
            }
            int predicted = -1;
            for (int t = 0; t < k && predicted < 0; t++) {
                if (votes.get(refLabels[order[t]]) == best) {
                    predicted = refLabels[order[t]];
                }
            }
            correct += predicted == queryLabels[i] ? 1 : 0;
        }
        return (double) correct / queries.rows();
    }
}
