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

    /**
     * A query/reference case with ties: 150–349 references (4 labels) and 40–99 queries (5 labels, so label 4
     * never occurs among the references and its queries are lone) in 1..maxDim dimensions.
     */
    record TiedCase(Matrix references, Labels referenceLabels, Matrix queries, Labels queryLabels, int dim) {
        static TiedCase draw(SplittableRandom rnd, int maxDim) {
            int nr = 150 + rnd.nextInt(200);
            int nq = 40 + rnd.nextInt(60);
            int d = 1 + rnd.nextInt(maxDim);
            Matrix refs = tiedPoints(rnd, nr, d);
            Matrix queries = tiedPoints(rnd, nq, d);
            Labels rl = labels(rnd, nr, 4);
            Labels ql = labels(rnd, nq, 5);
            return new TiedCase(refs, rl, queries, ql, d);
        }
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
