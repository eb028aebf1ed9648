package org.metriclab.deep.loss;

import java.util.Arrays;

/**
 * The class structure of one batch for the discriminant-analysis losses: labels mapped to dense batch
 * classes 0..C−1 in order of first appearance, the class sizes, the class means and the overall mean of
 * the rows (row-major N×D).
 */
record BatchScatter(int n, int d, int classes, int[] cls, int[] counts, double[] classMeans, double[] mean) {

    static BatchScatter of(double[] z, int n, int d, int[] labels) {
        int[] cls = new int[n];
        int[] seen = new int[n];
        int[] ids = new int[n];
        int c = 0;
        for (int i = 0; i < n; i++) {
            int k = -1;
            for (int j = 0; j < c; j++) {
                if (ids[j] == labels[i]) {
                    k = j;
                    break;
                }
            }
            if (k < 0) {
                ids[c] = labels[i];
                k = c++;
            }
            cls[i] = k;
            seen[k]++;
        }
        int[] counts = Arrays.copyOf(seen, c);
        double[] means = new double[c * d];
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                means[cls[i] * d + k] += z[i * d + k] / counts[cls[i]];
                mean[k] += z[i * d + k] / n;
            }
        }
        return new BatchScatter(n, d, c, cls, counts, means, mean);
    }

    /** Row i minus its class mean, component k. */
    double within(double[] z, int i, int k) {
        return z[i * d + k] - classMeans[cls[i] * d + k];
    }

    /** Row i minus the overall mean, component k. */
    double total(double[] z, int i, int k) {
        return z[i * d + k] - mean[k];
    }
}
