package org.metriclab.eval.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The chunked (multi-pass) exact ROC-AUC equals the single-chunk one and a direct pair count. */
class RocAucTest {
    @Test
    void chunkedPassesGiveTheSameExactValue() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (boolean integer : new boolean[] {false, true}) {
            int n = 100;
            int d = 3;
            double[] x = new double[n * d];
            int[] y = new int[n];
            for (int i = 0; i < x.length; i++) {
                x[i] = integer ? rnd.nextInt(4) : rnd.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                y[i] = rnd.nextInt(3);
            }
            Embeddings e = Embeddings.of(x, n, d, "x");
            ReferenceTiles tiles = new ReferenceTiles(e);
            double whole = RocAuc.compute(e, y, tiles, y, true, Integer.MAX_VALUE);
            double chunked = RocAuc.compute(e, y, tiles, y, true, integer ? 1500 : 300);
            assertEquals(whole, chunked, 1e-15, "integer=" + integer);
            java.util.List<Double> posD = new java.util.ArrayList<>();
            java.util.List<Double> negD = new java.util.ArrayList<>();
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a != b) {
                        (y[a] == y[b] ? posD : negD).add(dist(x, a, b, d));
                    }
                }
            }
            double num = 0;
            for (double dp : posD) {
                for (double dn : negD) {
                    num += dp < dn ? 1 : dp == dn ? 0.5 : 0;
                }
            }
            long pos = posD.size();
            long neg = negD.size();
            assertEquals(num / ((double) pos * neg), whole, 1e-12);
            assertTrue(whole > 0.3 && whole < 0.7, "random labels: AUC near 0.5, got " + whole);
        }
    }

    private static double dist(double[] x, int a, int b, int d) {
        double s = 0;
        for (int t = 0; t < d; t++) {
            double v = x[a * d + t] - x[b * d + t];
            s += v * v;
        }
        return s;
    }
}
