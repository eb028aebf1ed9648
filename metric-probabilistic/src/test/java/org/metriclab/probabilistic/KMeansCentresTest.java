package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.linalg.Vectors;

/** SCML's k-means centres against the definition of a Lloyd fixed point, checked by brute force. */
class KMeansCentresTest {
    /** Five blobs of 40 rows in 6 dimensions plus uniform noise rows. */
    private static double[][] blobs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[230][6];
        for (int i = 0; i < x.length; i++) {
            int blob = i < 200 ? i / 40 : -1;
            for (int a = 0; a < 6; a++) {
                x[i][a] = blob < 0 ? r.nextDouble(-8, 8) : 3.0 * ((blob + a) % 3) - 2.0 * (blob % 2) + r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void centresAreTheMeansOfTheirNearestRowsAndInertiaIsTheirSquaredDistance() {
        for (long seed = 0; seed < 4; seed++) {
            double[][] x = blobs(seed);
            KMeansCentres km = KMeansCentres.fit(x, 7, 3, new SplittableRandom(seed));
            double[][] c = km.centres();
            double[][] sum = new double[c.length][x[0].length];
            int[] count = new int[c.length];
            double inertia = 0;
            for (double[] row : x) {
                int best = 0;
                for (int j = 1; j < c.length; j++) {
                    if (Vectors.squaredDistance(row, c[j]) < Vectors.squaredDistance(row, c[best])) {
                        best = j;
                    }
                }
                inertia += Vectors.squaredDistance(row, c[best]);
                count[best]++;
                for (int a = 0; a < row.length; a++) {
                    sum[best][a] += row[a];
                }
            }
            assertEquals(inertia, km.inertia(), 1e-9 * inertia, "inertia, seed " + seed);
            for (int j = 0; j < c.length; j++) {
                assertTrue(count[j] > 0, "centre " + j + " owns no row");
                for (int a = 0; a < x[0].length; a++) {
                    assertEquals(sum[j][a] / count[j], c[j][a], 1e-12, "centre " + j + ", seed " + seed);
                }
            }
        }
    }

    @Test
    void moreRestartsNeverRaiseTheInertiaAndAFixedSeedRepeats() {
        double[][] x = blobs(9);
        // the first restart draws the same seeds from the stream in both calls
        double one = KMeansCentres.fit(x, 6, 1, new SplittableRandom(5)).inertia();
        double three = KMeansCentres.fit(x, 6, 3, new SplittableRandom(5)).inertia();
        assertTrue(three <= one, three + " > " + one);
        double[][] a = KMeansCentres.fit(x, 6, 3, new SplittableRandom(5)).centres();
        double[][] b = KMeansCentres.fit(x, 6, 3, new SplittableRandom(5)).centres();
        for (int j = 0; j < a.length; j++) {
            assertArrayEquals(a[j], b[j], 0.0);
        }
    }

    @Test
    void oneCentrePerRowHasZeroInertiaAndInvalidCountsAreRejected() {
        double[][] x = blobs(2);
        double[][] few = java.util.Arrays.copyOf(x, 5);
        assertEquals(0.0, KMeansCentres.fit(few, 5, 2, new SplittableRandom(1)).inertia(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> KMeansCentres.fit(few, 6, 1, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> KMeansCentres.fit(few, 0, 1, new SplittableRandom(1)));
    }
}
