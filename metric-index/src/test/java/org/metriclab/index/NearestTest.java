package org.metriclab.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NearestTest {
    @Test
    void selectsTheKNearestCandidatesLikeAFullSortWithTiesByRow() {
        SplittableRandom r = new SplittableRandom(3);
        int dim = 3;
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + r.nextInt(60);
            float[] g = new float[n * dim];
            for (int i = 0; i < g.length; i++) {
                g[i] = r.nextInt(4); // few distinct values: many ties
            }
            float[] q = {r.nextInt(4), r.nextInt(4), r.nextInt(4)};
            int[] cand = IntStream.range(0, n).filter(i -> r.nextBoolean()).toArray();
            int k = 1 + r.nextInt(12);
            int[] rows = new int[k + 2];
            double[] dist = new double[k + 2];
            GalleryIndex.nearest(q, g, dim, cand, k, rows, dist, 2);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < dim; t++) {
                    double diff = (double) q[t] - g[i * dim + t];
                    d[i] += diff * diff;
                }
            }
            int[] sorted = Arrays.stream(cand).boxed().sorted(Comparator.<Integer>comparingDouble(i -> d[i]).thenComparing(i -> i))
                    .mapToInt(Integer::intValue).toArray();
            int[] expected = new int[k];
            double[] expectedDist = new double[k];
            for (int i = 0; i < k; i++) {
                expected[i] = i < sorted.length ? sorted[i] : -1;
                expectedDist[i] = i < sorted.length ? d[sorted[i]] : Double.POSITIVE_INFINITY;
            }
            assertArrayEquals(expected, Arrays.copyOfRange(rows, 2, k + 2), "trial " + trial);
            assertArrayEquals(expectedDist, Arrays.copyOfRange(dist, 2, k + 2), "trial " + trial);
            assertEquals(0, rows[0] | rows[1], "entries before the offset are untouched");
        }
    }
}
