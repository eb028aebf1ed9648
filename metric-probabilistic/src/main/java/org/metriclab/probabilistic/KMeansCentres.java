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
        int[] next = new int[n];
        double[] min = new double[n];
        double inertia = 0;
        for (int it = 0; it < MAX_LLOYD; it++) {
            // each row's nearest centre, rows in parallel; the inertia is summed in row order afterwards
            RowTasks.run(n, RowTasks.ROWS, (i0, i1) -> {
                double[] dist = new double[k];
                for (int i = i0; i < i1; i++) {
                    nearestCentre(x[i], c, dist);
                    int arg = 0;
                    double best = Double.POSITIVE_INFINITY;
                    for (int j = 0; j < k; j++) {
                        if (dist[j] < best) {
                            best = dist[j];
                            arg = j;
                        }
                    }
                    next[i] = arg;
                    min[i] = best;
                }
            });
            boolean changed = false;
            inertia = 0;
            for (int i = 0; i < n; i++) {
                inertia += min[i];
                changed |= assign[i] != next[i];
                assign[i] = next[i];
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

    /**
     * dist[j] = |x − c_j|² for every centre, four centres at a time: four independent sums share each
     * load of x (each sum is formed in the same order as {@link #squared}, so the values are identical).
     */
    private static void nearestCentre(double[] x, double[][] c, double[] dist) {
        int k = c.length;
        int j = 0;
        for (; j + 3 < k; j += 4) {
            double[] c0 = c[j];
            double[] c1 = c[j + 1];
            double[] c2 = c[j + 2];
            double[] c3 = c[j + 3];
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int a = 0; a < x.length; a++) {
                double xa = x[a];
                double t0 = xa - c0[a];
                double t1 = xa - c1[a];
                double t2 = xa - c2[a];
                double t3 = xa - c3[a];
                s0 += t0 * t0;
                s1 += t1 * t1;
                s2 += t2 * t2;
                s3 += t3 * t3;
            }
            dist[j] = s0;
            dist[j + 1] = s1;
            dist[j + 2] = s2;
            dist[j + 3] = s3;
        }
        for (; j < k; j++) {
            dist[j] = squared(x, c[j]);
        }
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
