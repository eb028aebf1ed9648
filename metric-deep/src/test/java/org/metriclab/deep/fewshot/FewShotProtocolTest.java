package org.metriclab.deep.fewshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;

/** The episodic evaluation: exact on separated and on indistinguishable classes, seeded, with a sound interval. */
class FewShotProtocolTest {

    /** {@code classes} clusters of {@code per} rows in 3-D around centres spread by {@code spread}, unit noise. */
    private static Object[] clusters(int classes, int per, double spread, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[classes * per][3];
        int[] y = new int[classes * per];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < per; i++) {
                for (int k = 0; k < 3; k++) {
                    rows[c * per + i][k] = (k == c % 3 ? spread * (1 + c / 3) : 0) + r.nextGaussian();
                }
                y[c * per + i] = 10 + c;
            }
        }
        return new Object[] {Matrix.of(rows), Labels.of(y)};
    }

    @Test
    void separatedClassesAreAlwaysRightAndTheSeedFixesTheEpisodes() {
        Object[] data = clusters(6, 30, 1000, 1);
        FewShotProtocol p = new FewShotProtocol(5, 1, 15, 600, false);
        FewShotProtocol.Result r = p.evaluate((Matrix) data[0], (Labels) data[1], 7);
        assertEquals(1.0, r.meanAccuracy());
        assertEquals(0.0, r.ci95());
        Object[] noisy = clusters(6, 30, 1.5, 2);
        FewShotProtocol.Result a = p.evaluate((Matrix) noisy[0], (Labels) noisy[1], 7);
        assertEquals(a, p.evaluate((Matrix) noisy[0], (Labels) noisy[1], 7), "same seed, same episodes");
        assertTrue(a.meanAccuracy() > 0.2 && a.meanAccuracy() < 1, "overlapping clusters: " + a);
        FewShotProtocol.Result five = new FewShotProtocol(5, 5, 15, 600, false).evaluate((Matrix) noisy[0], (Labels) noisy[1], 7);
        assertTrue(five.meanAccuracy() > a.meanAccuracy(), "five shots average out the noise: " + five + " vs " + a);
    }

    @Test
    void indistinguishableClassesScoreChanceWithinTheInterval() {
        // every row is the same point: all prototypes tie and the first class wins, so accuracy is exactly 1/ways per episode
        double[][] same = new double[60][2];
        int[] y = new int[60];
        for (int i = 0; i < 60; i++) {
            y[i] = i % 6;
        }
        FewShotProtocol.Result r = new FewShotProtocol(3, 2, 4, 50, true).evaluate(Matrix.of(same), Labels.of(y), 0);
        assertEquals(1.0 / 3, r.meanAccuracy(), 1e-12);
        // random points: accuracy is chance on average; the 95% interval covers 1/5
        SplittableRandom g = new SplittableRandom(3);
        double[][] rnd = new double[300][4];
        int[] yr = new int[300];
        for (int i = 0; i < 300; i++) {
            for (int k = 0; k < 4; k++) {
                rnd[i][k] = g.nextGaussian();
            }
            yr[i] = i % 10;
        }
        FewShotProtocol.Result chance = new FewShotProtocol(5, 1, 15, 600, false).evaluate(Matrix.of(rnd), Labels.of(yr), 1);
        assertTrue(Math.abs(chance.meanAccuracy() - 0.2) < 2 * chance.ci95() + 0.01, chance.toString());
    }

    @Test
    void tooFewClassesOrRowsIsOneLine() {
        Object[] data = clusters(4, 10, 5, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FewShotProtocol(5, 1, 5, 10, false).evaluate((Matrix) data[0], (Labels) data[1], 0));
        assertEquals("5-way 1-shot episodes with 5 queries need 5 classes of at least 6 rows; the data has 4; lower the ways, shots or queries",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FewShotProtocol(1, 1, 1, 10, false));
        assertThrows(IllegalArgumentException.class, () -> new FewShotProtocol(5, 0, 1, 10, false));
    }
}
