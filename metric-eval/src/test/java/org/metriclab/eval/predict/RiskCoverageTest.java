package org.metriclab.eval.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RiskCoverageTest {
    @Test
    void handComputedCurveWithATie() {
        // confidences 0.9 (right), 0.8 (wrong), 0.8 (right), 0.5 (wrong)
        RiskCoverage rc = RiskCoverage.of(new double[] {0.8, 0.9, 0.5, 0.8}, new boolean[] {false, true, false, true});
        assertEquals(3, rc.points().size());
        assertEquals(new RiskCoverage.Point(0.9, 1, 0, 0.25, 0.0), rc.points().get(0));
        assertEquals(new RiskCoverage.Point(0.8, 3, 1, 0.75, 1 / 3.0), rc.points().get(1));
        assertEquals(new RiskCoverage.Point(0.5, 4, 2, 1.0, 0.5), rc.points().get(2));
        // (0 + 1/3 + 1/3 + 1/2) / 4
        assertEquals((2 / 3.0 + 0.5) / 4, rc.aurc(), 1e-15);
        assertEquals(0.8, rc.atCoverage(0.5).threshold());
        assertEquals(2 / 3.0, rc.atCoverage(0.75).accuracy(), 1e-15);
        assertEquals(0.9, rc.atCoverage(0.25).threshold());
        assertEquals(0.8, rc.thresholdForRejectRate(0.25));
        assertEquals(0.8, rc.thresholdForRejectRate(0.5), "0.9 would reject three quarters, more than half");
        assertEquals(0.9, rc.thresholdForRejectRate(0.75));
        assertEquals(0, rc.atThreshold(0.95).accepted());
        assertEquals(3, rc.atThreshold(0.6).accepted());
        assertThrows(IllegalArgumentException.class, () -> rc.atCoverage(0));
        assertThrows(IllegalArgumentException.class, () -> rc.thresholdForRejectRate(1));
    }

    @Test
    void aurcAndAccuracyAtCoverageMatchBruteForceOverThresholds() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(40);
            double[] conf = new double[n];
            boolean[] ok = new boolean[n];
            for (int i = 0; i < n; i++) {
                conf[i] = rnd.nextInt(6) / 5.0;
                ok[i] = rnd.nextBoolean();
            }
            RiskCoverage rc = RiskCoverage.of(conf, ok);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += risk(conf, ok, conf[i]);
            }
            assertEquals(sum / n, rc.aurc(), 1e-12, "trial " + trial);
            for (double c : new double[] {0.1, 0.5, 0.8, 1.0}) {
                // brute force: the largest observed threshold whose accepted share reaches c
                double bestT = Double.NEGATIVE_INFINITY;
                for (double t : conf) {
                    if (accepted(conf, t) >= Math.ceil(c * n - 1e-9) && t > bestT) {
                        bestT = t;
                    }
                }
                RiskCoverage.Point p = rc.atCoverage(c);
                assertEquals(bestT, p.threshold(), "trial " + trial + " coverage " + c);
                assertEquals(risk(conf, ok, bestT), p.risk(), 1e-15);
            }
        }
    }

    private static int accepted(double[] conf, double t) {
        int a = 0;
        for (double c : conf) {
            a += c >= t ? 1 : 0;
        }
        return a;
    }

    private static double risk(double[] conf, boolean[] ok, double t) {
        int a = 0;
        int e = 0;
        for (int i = 0; i < conf.length; i++) {
            if (conf[i] >= t) {
                a++;
                e += ok[i] ? 0 : 1;
            }
        }
        return e / (double) a;
    }
}
