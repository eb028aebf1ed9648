package org.metriclab.spark.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bucketed sorted run counts exactly what linear scans count, for any number of buckets. */
class SortedRunTest {
    @Test
    void sortedRunCountsEqualLinearScans() {
        SplittableRandom rnd = new SplittableRandom(4);
        double[] v = new double[400];
        for (int i = 0; i < v.length; i++) {
            // clustered values with duplicates and one far outlier
            v[i] = i == 7 ? 1e6 : rnd.nextInt(20) * 0.25 + (rnd.nextBoolean() ? 0 : 1e-9);
        }
        java.util.Arrays.sort(v, 10, 390);
        for (int buckets : new int[] {1, 3, 50, 1000}) {
            SortedRun run = new SortedRun(v, 10, 390, buckets);
            double[] probes = new double[300];
            for (int i = 0; i < probes.length; i++) {
                probes[i] = i < 200 ? v[10 + rnd.nextInt(380)] : rnd.nextDouble() * 7 - 1;
            }
            for (double p : probes) {
                int below = 0;
                int atMost = 0;
                for (int i = 10; i < 390; i++) {
                    below += v[i] < p ? 1 : 0;
                    atMost += v[i] <= p ? 1 : 0;
                }
                assertEquals(10 + below, run.lowerBound(p), "below " + p);
                assertEquals(10 + atMost, run.upperBound(p), "at most " + p);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new SortedRun(new double[] {2, 1}, 0, 2, 4));
    }
}
