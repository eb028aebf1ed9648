package org.metriclab.eval.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.stochastic.BruteForceNeighbourSearch;
import org.metriclab.core.stochastic.NeighbourSearch;

class TiledNeighbourSearchTest {
    /** n spans two reference tiles and many query blocks; small integer coordinates make many exact ties. */
    private static final int N = 700;

    @Test
    void isTheInstalledSearch() {
        assertInstanceOf(TiledNeighbourSearch.class, NeighbourSearch.installed().orElseThrow());
    }

    @Test
    void equalsBruteForceWithTiesOnIntegerGrid() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] z = new double[N * 3];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextInt(4);
        }
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = rng.nextInt(3);
        }
        same(z, 3, labels, 5);
        same(z, 3, null, 7);
    }

    @Test
    void equalsBruteForceOnContinuousValues() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] z = new double[N * 5];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextGaussian();
        }
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = rng.nextInt(4);
        }
        same(z, 5, labels, 10);
    }

    @Test
    void fewerRowsThanKGivesAllOfThem() {
        double[] z = {0, 0, 1, 0, 0, 1};
        int[] labels = {0, 1, 1};
        NeighbourSearch.Neighbours nb = new TiledNeighbourSearch().nearest(z, 3, 2, labels, 4);
        assertArrayEquals(new int[0], nb.same()[0]);
        assertArrayEquals(new int[] {1, 2}, nb.other()[0]);
        assertArrayEquals(new int[] {2}, nb.same()[1]);
    }

    private static void same(double[] z, int p, int[] labels, int k) {
        NeighbourSearch.Neighbours tiled = new TiledNeighbourSearch().nearest(z, N, p, labels, k);
        NeighbourSearch.Neighbours brute = new BruteForceNeighbourSearch().nearest(z, N, p, labels, k);
        assertEquals(N, tiled.same().length);
        for (int q = 0; q < N; q++) {
            assertArrayEquals(brute.same()[q], tiled.same()[q], "same, row " + q);
            assertArrayEquals(brute.other()[q], tiled.other()[q], "other, row " + q);
        }
    }
}
