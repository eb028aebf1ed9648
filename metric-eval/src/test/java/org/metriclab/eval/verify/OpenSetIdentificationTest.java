package org.metriclab.eval.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metriclab.eval.knn.EmbeddingRows;

class OpenSetIdentificationTest {
    @Test
    void handComputedDirAtFar() {
        // known probes: (d=1, right), (d=2, wrong), (d=3, right), (d=5, right); unknown probes at 2.5, 4, 6, 7
        OpenSetIdentification os = OpenSetIdentification.of(new double[] {1, 2, 3, 5}, new boolean[] {true, false, true, true},
                new double[] {7, 2.5, 6, 4});
        assertEquals(0.75, os.rank1());
        // FAR ≤ 0.25 with 4 unknowns allows one false alarm: threshold just below the second unknown (4); DIR = {1, 3} = 2/4
        assertEquals(new OperatingPoint(0.5, Math.nextDown(4.0)), os.dirAtFar(0.25));
        // FAR ≤ 0.5: two alarms allowed, threshold below 6: DIR = {1, 3, 5} = 3/4
        assertEquals(new OperatingPoint(0.75, Math.nextDown(6.0)), os.dirAtFar(0.5));
        // FAR 0.1 needs 10 unknown probes
        assertFalse(os.estimable(0.1));
        assertEquals(10, OpenSetIdentification.unknownProbesNeeded(0.1));
        assertTrue(Double.isNaN(os.dirAtFar(0.1).rate()));
        assertEquals(new OpenSetIdentification.RatePair(2.5, 0.25, 0.25), os.at(2.5));
        List<OpenSetIdentification.RatePair> roc = os.curve();
        assertEquals(new OpenSetIdentification.RatePair(Math.nextDown(1.0), 0, 0), roc.get(0));
        assertEquals(new OpenSetIdentification.RatePair(7, 0.75, 1), roc.get(roc.size() - 1));
        assertEquals(9, roc.size());
        assertThrows(IllegalArgumentException.class, () -> os.dirAtFar(1));
        assertThrows(IllegalArgumentException.class, () -> os.dirAtFar(0));
        assertEquals(1000, OpenSetIdentification.unknownProbesNeeded(0.001));
        assertEquals(4, OpenSetIdentification.unknownProbesNeeded(0.3));
    }

    @Test
    void dirAtFarIsTheBestDirOverEveryThresholdWithFarWithinTheTarget() {
        Random rnd = new Random(8);
        for (int trial = 0; trial < 300; trial++) {
            int k = 1 + rnd.nextInt(15);
            int n = 1 + rnd.nextInt(40);
            double[] kd = new double[k];
            boolean[] kc = new boolean[k];
            double[] ud = new double[n];
            for (int i = 0; i < k; i++) {
                kd[i] = rnd.nextInt(10);
                kc[i] = rnd.nextInt(4) > 0;
            }
            for (int i = 0; i < n; i++) {
                ud[i] = rnd.nextInt(10);
            }
            OpenSetIdentification os = OpenSetIdentification.of(kd, kc, ud);
            for (double far : new double[] {0.5, 0.25, 0.1, 0.3}) {
                if (!os.estimable(far)) {
                    assertTrue(n * far < 1 - 1e-12, "trial " + trial);
                    continue;
                }
                // brute force: every half-integer threshold (distances are integers), the best DIR with FAR ≤ far
                double best = 0;
                for (double t = -0.5; t <= 10; t += 0.5) {
                    OpenSetIdentification.RatePair p = os.at(t);
                    if (p.far() <= far + 1e-12) {
                        best = Math.max(best, p.dir());
                    }
                }
                OperatingPoint got = os.dirAtFar(far);
                assertEquals(best, got.rate(), 1e-15, "trial " + trial + " far " + far);
                assertTrue(os.at(got.threshold()).far() <= far + 1e-12);
            }
        }
    }

    @Test
    void probesAgainstAGalleryAndHeldOutClassesMatchBruteForceNearestRows() {
        Random rnd = new Random(2);
        for (int trial = 0; trial < 20; trial++) {
            int n = 6 + rnd.nextInt(40);
            double[] x = new double[n * 2];
            Arrays.setAll(x, i -> rnd.nextInt(6));
            int[] labels = new int[n];
            Arrays.setAll(labels, i -> rnd.nextInt(4));
            labels[0] = 0;
            labels[1] = 0;
            labels[2] = 1;
            labels[3] = 1;
            OpenSetIdentification os = OpenSetProbes.holdOut(EmbeddingRows.of(x, n, 2, "x"), labels, Set.of(3));
            // brute force: known rows probe the other known rows; unknown rows probe all known rows
            int known = 0;
            int unknown = 0;
            int right = 0;
            double[] ud = new double[n];
            for (int i = 0; i < n; i++) {
                double best = Double.POSITIVE_INFINITY;
                int bestRow = -1;
                for (int j = 0; j < n; j++) {
                    if (j == i || labels[j] == 3) {
                        continue;
                    }
                    double a = x[2 * i] - x[2 * j];
                    double b = x[2 * i + 1] - x[2 * j + 1];
                    double d = a * a + b * b;
                    if (d < best) {
                        best = d;
                        bestRow = j;
                    }
                }
                if (labels[i] == 3) {
                    ud[unknown++] = best;
                } else {
                    known++;
                    // among rows tied at the nearest distance, a right one makes the probe right only if the engine's
                    // index order puts it first; compare with the first in index order, as the engine ranks ties
                    right += labels[bestRow] == labels[i] ? 1 : 0;
                }
            }
            assertEquals(known, os.knownProbes());
            assertEquals(unknown, os.unknownProbes());
            assertEquals(right / (double) known, os.rank1(), 1e-15, "trial " + trial);
            double[] sorted = Arrays.copyOf(ud, unknown);
            Arrays.sort(sorted);
            if (unknown > 0) {
                assertEquals(unknown, os.at(sorted[unknown - 1]).far() * unknown, 1e-9);
            }
        }
    }
}
