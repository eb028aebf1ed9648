package org.metriclab.eval.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.Evaluation;
import org.metriclab.eval.RetrievalEvaluator;

/**
 * P@k, R@k and the interpolated precision–recall curve through the evaluator's one pass, against a brute force
 * that sorts every query's references by (squared distance, index) and counts by definition.
 */
class RetrievalCurvesBruteForceTest {
    private static final List<String> MEASURES = List.of("precision_at_1", "mean_average_precision");

    @Test
    void selfModeCurvesMatchBruteForceOnTiedPoints() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 25; trial++) {
            int n = 3 + rnd.nextInt(70);
            double[][] x = points(rnd, n, 1 + rnd.nextInt(3), true);
            int[] y = labels(rnd, n, 1 + rnd.nextInt(4));
            int depth = 1 + rnd.nextInt(30);
            Evaluation e = Evaluation.self(Matrix.of(x), Labels.of(y), MEASURES, 1, depth);
            check(bruteForce(x, y, x, y, true, depth), e, "self trial " + trial);
            assertEquals(RetrievalEvaluator.evaluateSelf(Matrix.of(x), Labels.of(y), MEASURES, 1), e.values(),
                    "the measures do not change when curves ride along");
        }
    }

    @Test
    void queryReferenceCurvesMatchBruteForce() {
        Random rnd = new Random(6);
        for (int trial = 0; trial < 20; trial++) {
            int nq = 1 + rnd.nextInt(30);
            int nr = 1 + rnd.nextInt(120);
            int d = 1 + rnd.nextInt(4);
            double[][] q = points(rnd, nq, d, false);
            double[][] r = points(rnd, nr, d, false);
            int[] qy = labels(rnd, nq, 3);
            int[] ry = labels(rnd, nr, 3);
            Evaluation e = Evaluation.of(Matrix.of(q), Labels.of(qy), Matrix.of(r), Labels.of(ry), MEASURES, 1, 100);
            check(bruteForce(q, qy, r, ry, false, 100), e, "query/reference trial " + trial);
        }
    }

    @Test
    void handComputedQuery() {
        // relevant references at ranks 2 and 5 of R = 2: P@1 = 0, P@2 = 1/2, P@5 = 2/5; R@2 = 1/2, R@5 = 1;
        // precision at the hits: 1/2 (recall 1/2) and 2/5 (recall 1), so the interpolated curve is 1/2 up to recall 0.5, then 2/5
        RankedHits h = RankedHits.of(0, new long[] {2, 5}, new int[0], 1);
        assertEquals(0.0, RetrievalCurves.precisionAt(h, 1));
        assertEquals(0.5, RetrievalCurves.precisionAt(h, 2));
        assertEquals(0.4, RetrievalCurves.precisionAt(h, 5), 1e-15);
        assertEquals(0.5, RetrievalCurves.recallAt(h, 4));
        assertEquals(1.0, RetrievalCurves.recallAt(h, 5));
        assertEquals(0.5, RetrievalCurves.interpolatedPrecision(h, 0.0));
        assertEquals(0.5, RetrievalCurves.interpolatedPrecision(h, 0.5));
        assertEquals(0.4, RetrievalCurves.interpolatedPrecision(h, 0.55), 1e-15);
        assertEquals(0.4, RetrievalCurves.interpolatedPrecision(h, 1.0), 1e-15);
    }

    private static void check(double[][] expected, Evaluation e, String what) {
        assertTrue(e.retrieval().isPresent(), what + ": curves present");
        RetrievalCurves.Means m = e.retrieval().get();
        int depth = m.maxK();
        for (int k = 0; k < depth; k++) {
            assertEquals(expected[0][k], m.precisionAtK()[k], 1e-12, what + ": P@" + (k + 1));
            assertEquals(expected[1][k], m.recallAtK()[k], 1e-12, what + ": R@" + (k + 1));
        }
        for (int j = 0; j < RetrievalCurves.RECALL_LEVELS; j++) {
            assertEquals(expected[2][j], m.interpolatedPrecision()[j], 1e-12, what + ": precision at recall level " + j);
        }
    }

    /** {P@k for k=1..depth, R@k for k=1..depth, interpolated precision per recall level}, averaged over non-lone queries. */
    static double[][] bruteForce(double[][] q, int[] qy, double[][] r, int[] ry, boolean self, int depth) {
        double[][] sum = {new double[depth], new double[depth], new double[RetrievalCurves.RECALL_LEVELS]};
        int counted = 0;
        for (int i = 0; i < q.length; i++) {
            List<Integer> order = new ArrayList<>();
            for (int j = 0; j < r.length; j++) {
                if (!(self && i == j)) {
                    order.add(j);
                }
            }
            int qi = i;
            order.sort(Comparator.<Integer>comparingDouble(j -> sq(q[qi], r[j])).thenComparingInt(j -> j));
            int relevant = (int) order.stream().filter(j -> ry[j] == qy[qi]).count();
            if (relevant == 0) {
                continue;
            }
            counted++;
            int hits = 0;
            double[] precisionAtHit = new double[relevant + 1];
            double[] recallAtHit = new double[relevant + 1];
            for (int pos = 1; pos <= Math.max(depth, order.size()); pos++) {
                if (pos <= order.size() && ry[order.get(pos - 1)] == qy[i]) {
                    hits++;
                    precisionAtHit[hits] = hits / (double) pos;
                    recallAtHit[hits] = hits / (double) relevant;
                }
                if (pos <= depth) {
                    sum[0][pos - 1] += hits / (double) pos;
                    sum[1][pos - 1] += hits / (double) relevant;
                }
            }
            for (int lv = 0; lv < RetrievalCurves.RECALL_LEVELS; lv++) {
                double level = lv / 20.0;
                double best = 0;
                for (int h = 1; h <= relevant; h++) {
                    if (recallAtHit[h] >= level - 1e-12) {
                        best = Math.max(best, precisionAtHit[h]);
                    }
                }
                sum[2][lv] += best;
            }
        }
        for (double[] s : sum) {
            for (int j = 0; j < s.length; j++) {
                s[j] = counted == 0 ? Double.NaN : s[j] / counted;
            }
        }
        return sum;
    }

    private static double sq(double[] a, double[] b) {
        double s = 0;
        for (int t = 0; t < a.length; t++) {
            s += (a[t] - b[t]) * (a[t] - b[t]);
        }
        return s;
    }

    private static double[][] points(Random rnd, int n, int d, boolean integer) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = integer ? rnd.nextInt(4) : rnd.nextGaussian();
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

}
