package org.metriclab.eval.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.ReferenceTiles;

/** All pairs below the cap; above it a seeded, per-stratum sample drawn from the pairs. */
class PairSamplerTest {
    private static final int N = 120;
    private static final EmbeddingRows ROWS = rows();
    private static final int[] LABELS = new int[N];

    static {
        for (int i = 0; i < N; i++) {
            LABELS[i] = i % 3;
        }
    }

    private static EmbeddingRows rows() {
        Random rnd = new Random(5);
        double[][] x = new double[N][4];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        return EmbeddingRows.of(Matrix.of(x), "embeddings");
    }

    private static PairSample collect(long seed, long cap) {
        return PairSampler.collect(ROWS, LABELS, new ReferenceTiles(ROWS), LABELS, true, seed, cap);
    }

    @Test
    void belowTheCapEveryPairIsKept() {
        PairSample all = collect(1, Long.MAX_VALUE);
        // 3 classes of 40: 3 · C(40, 2) same-label pairs, C(120, 2) in all
        assertEquals(3 * 40 * 39 / 2, all.positives().length);
        assertEquals(N * (N - 1) / 2 - 3 * 40 * 39 / 2, all.negatives().length);
        assertFalse(all.sampled());
        assertArrayEquals(all.positives(), collect(2, all.positives().length).positives());
    }

    @Test
    void aboveTheCapEachStratumIsASeededSampleOfItsPairs() {
        PairSample all = collect(1, Long.MAX_VALUE);
        PairSample a = collect(7, 500);
        assertTrue(a.sampled());
        // binomial around 500 with about 22 standard deviation
        assertTrue(Math.abs(a.positives().length - 500) < 120, "positives " + a.positives().length);
        assertTrue(Math.abs(a.negatives().length - 500) < 120, "negatives " + a.negatives().length);
        assertArrayEquals(a.positives(), collect(7, 500).positives());
        assertArrayEquals(a.negatives(), collect(7, 500).negatives());
        assertNotEquals(Arrays.toString(a.negatives()), Arrays.toString(collect(8, 500).negatives()));
        assertSubMultiset(a.positives(), all.positives());
        assertSubMultiset(a.negatives(), all.negatives());
        for (int k = 1; k < a.negatives().length; k++) {
            assertTrue(a.negatives()[k - 1] <= a.negatives()[k]);
        }
    }

    @Test
    void capMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> collect(1, 0));
    }

    private static void assertSubMultiset(double[] part, double[] whole) {
        Map<Double, Integer> left = new HashMap<>();
        for (double v : whole) {
            left.merge(v, 1, Integer::sum);
        }
        for (double v : part) {
            int n = left.getOrDefault(v, 0);
            assertTrue(n > 0, v + " is not one of the pairs' distances");
            left.put(v, n - 1);
        }
    }
}
