package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.linalg.Centring;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.Matrix;

/** The seed's three formulations against closed forms and random feasible competitors. */
class SeedFormulationsTest {
    private final Dataset data = Fixtures.gaussians(3, 20, 3, 4, 3.0);
    private final Pairs pairs = Fixtures.allPairs(data);
    private final Matrix s = Matrix.of(Fixtures.bruteScatter(data.x(), pairs, true));
    private final Matrix d = Matrix.of(Fixtures.bruteScatter(data.x(), pairs, false));

    @Test
    void marginFormulationMeetsTheMarginAndBeatsRandomFeasibleMetrics() {
        double alpha = 2.5;
        MahalanobisMetric m = new MarginSpectralLearner(1, alpha, 0.0).fit(data.x(), pairs, FitContext.seeded(0));
        Matrix w = m.m();
        assertEquals(alpha, Fixtures.traceProduct(w, d), 1e-8 * alpha, "constraint Σ_D ‖·‖²_W = α holds with equality");
        double ours = Fixtures.traceProduct(w, s);
        SplittableRandom r = new SplittableRandom(1);
        for (int t = 0; t < 2000; t++) {
            Matrix cand = Fixtures.randomPsd(r, 4, 1 + t % 4);
            cand = cand.scale(alpha / Fixtures.traceProduct(cand, d));
            assertTrue(ours <= Fixtures.traceProduct(cand, s) * (1 + 1e-9), "a random feasible W has a lower objective");
        }
        double[] ratio = Eigen.generalized(s, d.plusIdentity(0)).values();
        assertEquals(alpha * ratio[ratio.length - 1], ours, 1e-6 * ours, "objective = α · min generalized eigenvalue of (Σ_S, Σ_D)");
    }

    @Test
    void marginFormulationWithSeveralDimsKeepsTheConstraint() {
        MahalanobisMetric m = new MarginSpectralLearner(3, 1.0, 0.0).fit(data.x(), pairs, FitContext.seeded(0));
        assertEquals(3, m.outputDim());
        assertEquals(1.0, Fixtures.traceProduct(m.m(), d), 1e-8);
    }

    @Test
    void traceFormulationRankOneIsTheBottomEigenvectorAndBeatsTheSpectraplex() {
        Matrix c = s.scale(1.0 / pairs.similarCount()).minus(d.scale(1.0 / (pairs.size() - pairs.similarCount())));
        double[] ev = Eigen.symmetric(c).values();
        MahalanobisMetric m = new TraceSpectralLearner(1).fit(data.x(), pairs, FitContext.seeded(0));
        Matrix w = m.m();
        assertEquals(1.0, w.trace(), 1e-10, "tr(W) = 1");
        double ours = Fixtures.traceProduct(w, c);
        assertEquals(ev[ev.length - 1], ours, 1e-9 * Math.abs(ours), "objective = λ_min(C)");
        SplittableRandom r = new SplittableRandom(2);
        for (int t = 0; t < 2000; t++) {
            Matrix cand = Fixtures.randomPsd(r, 4, 1 + t % 4);
            cand = cand.scale(1.0 / cand.trace());
            assertTrue(ours <= Fixtures.traceProduct(cand, c) + 1e-12, "a random spectraplex point is better");
        }
    }

    @Test
    void traceFormulationRankPIsTheSumOfThePSmallestEigenvalues() {
        Matrix c = s.scale(1.0 / pairs.similarCount()).minus(d.scale(1.0 / (pairs.size() - pairs.similarCount())));
        double[] ev = Eigen.symmetric(c).values();
        MahalanobisMetric m = new TraceSpectralLearner(2).fit(data.x(), pairs, FitContext.seeded(0));
        Matrix u = m.l();
        assertTrue(u.times(u.transpose()).maxAbsDifference(Matrix.identity(2)) < 1e-10, "UᵀU = I");
        assertEquals(ev[3] + ev[2], Fixtures.traceProduct(m.m(), c), 1e-9);
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 500; t++) {
            Matrix q = Eigen.symmetric(Fixtures.randomPsd(r, 4, 4)).vectors().columns(new int[] {0, 1});
            assertTrue(ev[3] + ev[2] <= Fixtures.traceProduct(q.times(q.transpose()), c) + 1e-12);
        }
    }

    @Test
    void fdaRecoversTheDiscriminantOfTwoGaussians() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 4000;
        double[] x = new double[n * 3];
        int[] y = new int[n];
        double[][] chol = {{1, 0, 0}, {0.8, 0.6, 0}, {0.3, -0.2, 0.5}};
        double[] delta = {1.0, -0.5, 0.25};
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double[] z = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            for (int a = 0; a < 3; a++) {
                double v = 0;
                for (int b = 0; b < 3; b++) {
                    v += chol[a][b] * z[b];
                }
                x[i * 3 + a] = v + y[i] * delta[a];
            }
        }
        Dataset two = new Dataset("two", Matrix.of(n, 3, x), org.metriclab.core.data.Labels.of(y));
        MahalanobisMetric m = new FdaLearner(0, 0.0, Embedding.PLAIN).fit(two, FitContext.seeded(0));
        assertEquals(1, m.outputDim(), "c − 1 = 1 direction");
        Matrix sigma = Matrix.of(chol).times(Matrix.of(chol).transpose());
        double[] population = org.metriclab.core.linalg.Inverse.solve(sigma, Matrix.of(3, 1, delta)).column(0);
        double[] sample = org.metriclab.core.linalg.Inverse.solve(Scatter.within(two), Matrix.of(3, 1, meanDifference(two))).column(0);
        double[] ours = m.l().row(0);
        assertEquals(1.0, Math.abs(cosine(ours, sample)), 1e-9, "FDA direction = S_W⁻¹(m₁ − m₀) exactly");
        assertTrue(Math.abs(cosine(ours, population)) > 0.995, "close to the population discriminant Σ⁻¹Δμ");
    }

    @Test
    void fdaEigenvectorsSolveTheGeneralizedProblem() {
        MahalanobisMetric m = new FdaLearner(4, 0.0, Embedding.PLAIN).fit(data, FitContext.seeded(0));
        Matrix v = m.l().transpose();
        Matrix sb = Scatter.between(data);
        Matrix sw = Scatter.within(data);
        Matrix vtbv = v.transpose().times(sw).times(v);
        assertTrue(vtbv.maxAbsDifference(Matrix.identity(4)) < 1e-8, "VᵀS_WV = I, got " + vtbv);
        Matrix lambda = v.transpose().times(sb).times(v);
        for (int k = 0; k < 4; k++) {
            double[] lhs = sb.times(v.column(k));
            double[] rhs = sw.times(v.column(k));
            for (int j = 0; j < 4; j++) {
                assertEquals(lhs[j], lambda.get(k, k) * rhs[j], 1e-7 * (1 + Math.abs(lhs[j])), "S_B v = λ S_W v");
            }
        }
        Matrix total = Centring.scatter(data.x());
        assertTrue(sb.plus(sw).maxAbsDifference(total) < 1e-9, "S_B + S_W = S_T");
    }

    @Test
    void badInputsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> new MarginSpectralLearner(-1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new MarginSpectralLearner(1, 0, 0));
        Pairs onlySimilar = new Pairs(new int[] {0, 3}, new int[] {3, 6}, new boolean[] {true, true});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TraceSpectralLearner(1).fit(data.x(), onlySimilar, FitContext.seeded(0)));
        assertTrue(e.getMessage().contains("dissimilar"), e.getMessage());
        Pairs outOfRange = new Pairs(new int[] {0, 1}, new int[] {3, 600}, new boolean[] {true, false});
        assertThrows(IllegalArgumentException.class, () -> new MarginSpectralLearner(1, 1, 0).fit(data.x(), outOfRange, FitContext.seeded(0)));
        double[] nan = data.x().toArray();
        nan[5] = Double.NaN;
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> new MarginSpectralLearner(1, 1, 0).fit(Matrix.of(data.size(), 4, nan), pairs, FitContext.seeded(0)));
        assertTrue(e2.getMessage().contains("non-finite"), e2.getMessage());
    }

    private static double[] meanDifference(Dataset two) {
        double[] m = new double[3];
        int[] c = new int[2];
        for (int i = 0; i < two.size(); i++) {
            c[two.labels().get(i)]++;
        }
        for (int i = 0; i < two.size(); i++) {
            int yi = two.labels().get(i);
            for (int j = 0; j < 3; j++) {
                m[j] += (yi == 1 ? 1.0 / c[1] : -1.0 / c[0]) * two.x().get(i, j);
            }
        }
        return m;
    }

    static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
