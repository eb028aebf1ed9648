package org.metriclab.probabilistic;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Cluster centres from k-means (Lloyd's iterations from k-means++ seeds), the best of a few restarts
 * by inertia (sum of squared distances to the nearest centre). SCML's LDA basis uses the centres
 * only as anchors for local neighbourhoods, so a few restarts suffice.
 */
record KMeansCentres(double[][] centres, double inertia) {
    private static final int MAX_LLOYD = 300;

    static KMeansCentres fit(double[][] x, int k, int restarts, RandomGenerator rng) {
        if (k < 1 || k > x.length) {
            throw new IllegalArgumentException("k-means needs 1 <= k <= " + x.length + " rows, got k = " + k);
        }
        KMeansCentres best = null;
        for (int r = 0; r < restarts; r++) {
            KMeansCentres c = lloyd(x, seeds(x, k, rng));
            if (best == null || c.inertia < best.inertia) {
                best = c;
            }
        }
        return best;
    }

    /** k-means++: each next seed drawn with probability proportional to its squared distance to the nearest seed. */
    private static double[][] seeds(double[][] x, int k, RandomGenerator rng) {
        int n = x.length;
        double[][] c = new double[k][];
        c[0] = x[rng.nextInt(n)].clone();
        double[] nearest = new double[n];
        for (int i = 0; i < n; i++) {
            nearest[i] = squared(x[i], c[0]);
        }
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (double v : nearest) {
                total += v;
            }
            int pick = rng.nextInt(n);
            if (total > 0) {
                double u = rng.nextDouble() * total;
                for (int i = 0; i < n; i++) {
                    u -= nearest[i];
                    if (u <= 0 && nearest[i] > 0) {
                        pick = i;
                        break;
                    }
                }
            }
            c[j] = x[pick].clone();
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], squared(x[i], c[j]));
            }
        }
        return c;
    }

    private static KMeansCentres lloyd(double[][] x, double[][] c) {
        int n = x.length;
        int d = x[0].length;
        int k = c.length;
        int[] assign = new int[n];
        Arrays.fill(assign, -1);
        double inertia = 0;
        for (int it = 0; it < MAX_LLOYD; it++) {
            boolean changed = false;
            inertia = 0;
            for (int i = 0; i < n; i++) {
                int arg = 0;
                double min = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double s = squared(x[i], c[j]);
                    if (s < min) {
                        min = s;
                        arg = j;
                    }
                }
                inertia += min;
                if (assign[i] != arg) {
                    assign[i] = arg;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            double[][] sum = new double[k][d];
            int[] count = new int[k];
            for (int i = 0; i < n; i++) {
                count[assign[i]]++;
                for (int a = 0; a < d; a++) {
                    sum[assign[i]][a] += x[i][a];
                }
            }
            for (int j = 0; j < k; j++) {
                if (count[j] > 0) {
                    for (int a = 0; a < d; a++) {
                        c[j][a] = sum[j][a] / count[j];
                    }
                }
            }
        }
        return new KMeansCentres(c, inertia);
    }

    static double squared(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return s;
    }
}
