package org.metriclab.experiments.smile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import smile.math.MathEx;

class TsneTest {
    /** 30 points in 8-D: rows 0..14 around the origin, rows 15..29 around (10, 10, ..., 10), unit spread. */
    private static double[][] twoClusters() {
        SplittableRandom r = new SplittableRandom(42);
        double[][] x = new double[30][8];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < 8; k++) {
                x[i][k] = (i < 15 ? 0 : 10) + (r.nextDouble() - 0.5);
            }
        }
        return x;
    }

    @Test
    void theSameSeedGivesTheSameLayoutAndAnotherSeedAnother() {
        double[][] x = twoClusters();
        double[][] a = Tsne.embed(x, 300, 7);
        MathEx.setSeed(123456);
        double before = MathEx.random();
        MathEx.setSeed(123456);
        double[][] b = Tsne.embed(x, 300, 7);
        assertEquals(before, MathEx.random(), 0.0, "the caller's Smile generator is left alone");
        assertEquals(30, a.length);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0, "row " + i);
        }
        double[][] c = Tsne.embed(x, 300, 8);
        assertFalse(Arrays.deepEquals(a, c), "another seed starts from another layout");
    }

    @Test
    void wellSeparatedClustersStaySeparated() {
        assertSeparated(Tsne.embed(twoClusters(), 1000, 1));
    }

    /** The clusters' centroids in the layout lie more than 3 mean within-cluster radii apart. */
    private static void assertSeparated(double[][] y) {
        double[][] c = new double[2][2];
        for (int i = 0; i < y.length; i++) {
            c[i / 15][0] += y[i][0] / 15;
            c[i / 15][1] += y[i][1] / 15;
        }
        double radius = 0;
        for (int i = 0; i < y.length; i++) {
            assertTrue(Double.isFinite(y[i][0]) && Double.isFinite(y[i][1]), "row " + i);
            radius += Math.hypot(y[i][0] - c[i / 15][0], y[i][1] - c[i / 15][1]) / y.length;
        }
        double apart = Math.hypot(c[0][0] - c[1][0], c[0][1] - c[1][1]);
        assertTrue(apart > 3 * radius, "centroids " + apart + " apart, mean radius " + radius);
    }

    @Test
    void largeDistancesStillGiveAFiniteSeparatedLayout() {
        double[][] x = twoClusters();
        double[][] far = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            far[i] = Arrays.stream(x[i]).map(v -> 100 * v).toArray();
        }
        // squared distances up to ~10^6: Smile's bandwidth search alone underflows to NaN here
        assertSeparated(Tsne.embed(far, 1000, 1));
    }

    @Test
    void tooFewPointsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tsne.embed(new double[4][3], 100, 0));
        assertTrue(e.getMessage().contains("at least 5 points"), e.getMessage());
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> Tsne.embed(new double[6][3], 100, 0));
        assertTrue(same.getMessage().contains("not all equal"), same.getMessage());
    }
}
