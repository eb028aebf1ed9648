package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Triplets;

/** SCML's objective, slack and differences against their definitions evaluated triplet by triplet. */
class ScmlProblemTest {
    private static final int N = 30;
    private static final int D = 4;
    private static final int K = 12;
    private static final int T = 60;

    private final SplittableRandom rng = new SplittableRandom(17);
    private final double[][] x = new double[N][D];
    private final double[][] basis = new double[K][D];
    private final Triplets triplets;

    ScmlProblemTest() {
        for (double[] row : x) {
            for (int a = 0; a < D; a++) {
                row[a] = rng.nextDouble(-2, 2);
            }
        }
        for (double[] b : basis) {
            double norm = 0;
            for (int a = 0; a < D; a++) {
                b[a] = rng.nextDouble(-1, 1);
                norm += b[a] * b[a];
            }
            for (int a = 0; a < D; a++) {
                b[a] /= Math.sqrt(norm);
            }
        }
        int[] a = new int[T];
        int[] p = new int[T];
        int[] q = new int[T];
        for (int t = 0; t < T; t++) {
            // few anchors, so that pairs repeat across triplets
            a[t] = rng.nextInt(5);
            p[t] = rng.nextInt(N);
            q[t] = rng.nextInt(N);
        }
        triplets = new Triplets(a, p, q);
    }

    private double delta(int t, int k) {
        double za = dot(basis[k], x[triplets.anchor(t)]);
        double dp = za - dot(basis[k], x[triplets.positive(t)]);
        double dq = za - dot(basis[k], x[triplets.negative(t)]);
        return dp * dp - dq * dq;
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }

    /** Two active bases (the objective goes through the active coordinates) and all twelve (through M). */
    @Test
    void objectiveEqualsTheTripletByTripletDefinitionOnBothEvaluationPaths() {
        ScmlProblem problem = ScmlProblem.of(x, basis, triplets);
        for (int activeCount : new int[] {2, K}) {
            double[] w = new double[K];
            int[] active = new int[K];
            for (int m = 0; m < activeCount; m++) {
                active[m] = m * (K / activeCount);
                w[active[m]] = rng.nextDouble(0.01, 0.5);
            }
            double beta = 1e-3;
            double loss = 0;
            double reg = 0;
            for (int k = 0; k < K; k++) {
                reg += w[k];
            }
            for (int t = 0; t < T; t++) {
                double s = 1;
                for (int k = 0; k < K; k++) {
                    s += w[k] * delta(t, k);
                }
                loss += Math.max(0, s);
                assertEquals(s, problem.slack(t, w, active, activeCount), 1e-12 * Math.max(1, Math.abs(s)), "slack " + t);
            }
            double expected = beta * reg + loss / T;
            assertEquals(expected, problem.objective(w, active, activeCount, beta), 1e-12 * expected, activeCount + " active");
        }
    }

    @Test
    void addDifferencesAccumulatesEveryBasis() {
        ScmlProblem problem = ScmlProblem.of(x, basis, triplets);
        double[] acc = new double[K];
        problem.addDifferences(7, acc);
        problem.addDifferences(7, acc);
        for (int k = 0; k < K; k++) {
            assertEquals(2 * delta(7, k), acc[k], 1e-12 * Math.max(1, Math.abs(acc[k])), "basis " + k);
        }
    }
}
