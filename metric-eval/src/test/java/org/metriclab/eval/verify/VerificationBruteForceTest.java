package org.metriclab.eval.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.RetrievalEvaluator;

/**
 * The verification measures through the evaluator against a brute force: every pair enumerated, the strata
 * sorted, and each quantity computed from its definition by counting at every candidate threshold.
 */
class VerificationBruteForceTest {
    private static final List<String> NAMES = List.of("eer", "eer_threshold", "tar_at_far_0_1", "tar_at_far_0_01",
            "tar_at_far_0_001", "tar_at_far_0_0001", "tar_at_far_0_1_threshold", "tar_at_far_0_01_threshold",
            "tar_at_far_0_001_threshold", "tar_at_far_0_0001_threshold", "fnmr_at_fmr_0_1", "fnmr_at_fmr_0_001",
            "fnmr_at_fmr_0_001_threshold", "verification_positive_pairs", "verification_negative_pairs");

    @Test
    void selfModeOnTiedIntegerPointsMatchesBruteForce() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 30; trial++) {
            int n = 5 + rnd.nextInt(60);
            double[][] x = points(rnd, n, 1 + rnd.nextInt(3), true);
            int[] y = labels(rnd, n, 1 + rnd.nextInt(4));
            Map<String, Double> got = RetrievalEvaluator.evaluateSelf(Matrix.of(x), Labels.of(y), NAMES, 3);
            assertAll(bruteForce(x, y, x, y, true), got, "self trial " + trial);
        }
    }

    @Test
    void queryReferenceModeOnContinuousPointsMatchesBruteForce() {
        Random rnd = new Random(12);
        for (int trial = 0; trial < 20; trial++) {
            int nq = 1 + rnd.nextInt(40);
            int nr = 1 + rnd.nextInt(80);
            int d = 1 + rnd.nextInt(5);
            int c = 1 + rnd.nextInt(5);
            double[][] q = points(rnd, nq, d, false);
            double[][] r = points(rnd, nr, d, false);
            int[] qy = labels(rnd, nq, c);
            int[] ry = labels(rnd, nr, c);
            Map<String, Double> got = RetrievalEvaluator.evaluate(Matrix.of(q), Labels.of(qy), Matrix.of(r), Labels.of(ry), NAMES, 3);
            assertAll(bruteForce(q, qy, r, ry, false), got, "query/reference trial " + trial);
        }
    }

    private static void assertAll(Map<String, Double> expected, Map<String, Double> got, String what) {
        for (String name : NAMES) {
            assertEquals(expected.get(name), got.get(name), 1e-12, what + ": " + name);
        }
    }

    private static double[][] points(Random rnd, int n, int d, boolean integer) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = integer ? rnd.nextInt(3) : rnd.nextGaussian();
            }
        }
        return x;
    }

    private static int[] labels(Random rnd, int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(classes);
        }
        return y;
    }

    /** Every quantity by definition, from all enumerated pairs. */
    private static Map<String, Double> bruteForce(double[][] q, int[] qy, double[][] r, int[] ry, boolean self) {
        List<Double> pos = new ArrayList<>();
        List<Double> neg = new ArrayList<>();
        for (int i = 0; i < q.length; i++) {
            for (int j = self ? i + 1 : 0; j < r.length; j++) {
                double s = 0;
                for (int k = 0; k < q[i].length; k++) {
                    s += (q[i][k] - r[j][k]) * (q[i][k] - r[j][k]);
                }
                (qy[i] == ry[j] ? pos : neg).add(s);
            }
        }
        List<Double> candidates = new ArrayList<>();
        candidates.add(Double.NEGATIVE_INFINITY);
        for (List<Double> stratum : List.of(pos, neg)) {
            for (double d : stratum) {
                candidates.add(d);
                candidates.add(Math.nextDown(d));
            }
        }
        candidates.sort(null);
        Map<String, Double> out = new java.util.HashMap<>();
        out.put("verification_positive_pairs", (double) pos.size());
        out.put("verification_negative_pairs", (double) neg.size());
        boolean undefined = pos.isEmpty() || neg.isEmpty();
        double bestEer = Double.POSITIVE_INFINITY;
        double eerAt = Double.NaN;
        for (double t : candidates) {
            boolean observed = pos.contains(t) || neg.contains(t);
            double worse = Math.max(accepted(neg, t) / (double) neg.size(), 1 - accepted(pos, t) / (double) pos.size());
            if (observed && worse < bestEer) {
                bestEer = worse;
                eerAt = t;
            }
        }
        out.put("eer", undefined ? Double.NaN : bestEer);
        out.put("eer_threshold", undefined ? Double.NaN : eerAt);
        for (int e = 1; e <= 4; e++) {
            long power = (long) Math.pow(10, e);
            double at = Double.NEGATIVE_INFINITY;
            for (double t : candidates) {
                if (accepted(neg, t) * power <= neg.size()) {
                    at = Math.max(at, t);
                }
            }
            String x = "0_" + "0".repeat(e - 1) + "1";
            double tar = accepted(pos, at) / (double) pos.size();
            // a rate at FAR x = 10^-e needs at least ⌈1/x⌉ negative pairs
            boolean none = undefined || neg.size() < power;
            out.put("tar_at_far_" + x, none ? Double.NaN : tar);
            out.put("tar_at_far_" + x + "_threshold", none ? Double.NaN : at);
            out.put("fnmr_at_fmr_" + x, none ? Double.NaN : (pos.size() - accepted(pos, at)) / (double) pos.size());
            out.put("fnmr_at_fmr_" + x + "_threshold", none ? Double.NaN : at);
        }
        return out;
    }

    private static long accepted(List<Double> stratum, double t) {
        return stratum.stream().filter(d -> d <= t).count();
    }
}
