package org.metriclab.spark;

import java.util.SplittableRandom;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;

/** Random test embeddings and labels for the distributed-evaluation tests. */
final class SparkTestData {
    private SparkTestData() {
    }

    /** Coordinates in {0, 1, 2} and every fifth row a copy of an earlier one: many exactly equal distances. */
    static Matrix tiedPoints(SplittableRandom rnd, int n, int d) {
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            if (i > 0 && i % 5 == 0) {
                rows[i] = rows[rnd.nextInt(i)].clone();
            } else {
                for (int t = 0; t < d; t++) {
                    rows[i][t] = rnd.nextInt(3) + (t == 0 ? 0.1 : 0.0);
                }
            }
        }
        return Matrix.of(rows);
    }

    static Matrix gaussianPoints(SplittableRandom rnd, int n, int d) {
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return Matrix.of(n, d, v);
    }

    static Labels labels(SplittableRandom rnd, int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(classes);
        }
        return Labels.of(y);
    }
}
