package org.metriclab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.Distances;
import org.metriclab.core.linalg.Matrix;

/** Cosine-distance retrieval through row normalisation equals a brute-force cosine ranking; progress reporting. */
class CosineDistanceTest {
    @Test
    void normalisedEuclideanRankingIsTheCosineRanking() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 90;
        int d = 6;
        double[][] x = new double[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < d; j++) {
                x[i][j] = r.nextGaussian() + (j == y[i] ? 1.5 : 0) + 3 * r.nextDouble() * (j == 5 ? 1 : 0);
            }
        }
        double p1 = 0;
        double rp = 0;
        for (int q = 0; q < n; q++) {
            final int qq = q;
            Integer[] order = new Integer[n - 1];
            for (int i = 0, k = 0; i < n; i++) {
                if (i != q) {
                    order[k++] = i;
                }
            }
            Arrays.sort(order, (a, b) -> {
                int c = Double.compare(Distances.COSINE.between(x[qq], x[a]), Distances.COSINE.between(x[qq], x[b]));
                return c != 0 ? c : Integer.compare(a, b);
            });
            p1 += y[order[0]] == y[q] ? 1 : 0;
            int big = (int) Arrays.stream(y).filter(v -> v == y[qq]).count() - 1;
            int hits = 0;
            for (int k = 0; k < big; k++) {
                hits += y[order[k]] == y[q] ? 1 : 0;
            }
            rp += (double) hits / big;
        }
        Map<String, Double> got = RetrievalEvaluator.evaluateSelf(RetrievalEvaluator.cosineNormalized(Matrix.of(x)), Labels.of(y),
                List.of("precision_at_1", "r_precision"), 0);
        assertEquals(p1 / n, got.get("precision_at_1"), 1e-12);
        assertEquals(rp / n, got.get("r_precision"), 1e-12);
        Map<String, Double> euclid = RetrievalEvaluator.evaluateSelf(Matrix.of(x), Labels.of(y), List.of("r_precision"), 0);
        assertTrue(Math.abs(euclid.get("r_precision") - rp / n) > 1e-6, "the data must tell cosine and Euclidean apart");
    }

    @Test
    void progressCountsEveryQueryOnceAndLeavesResultsUnchanged() {
        SplittableRandom r = new SplittableRandom(9);
        double[][] x = new double[300][4];
        int[] y = new int[300];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 5;
            for (int j = 0; j < 4; j++) {
                x[i][j] = r.nextGaussian();
            }
        }
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        List<String> ms = List.of("precision_at_1", "mean_average_precision_at_r");
        Map<String, Double> with = RetrievalEvaluator.evaluateSelf(Matrix.of(x), Labels.of(y), ms, 0, done::addAndGet);
        assertEquals(300, done.get());
        assertEquals(RetrievalEvaluator.evaluateSelf(Matrix.of(x), Labels.of(y), ms, 0), with);
    }

    @Test
    void zeroRowsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetrievalEvaluator.cosineNormalized(Matrix.of(new double[][] {{1, 2}, {0, 0}})));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }
}
