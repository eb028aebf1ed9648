package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;
import org.metriclab.core.persist.MetricCodecs;

/** AML: both stages' gradients against finite differences, both closed forms against numerical optima, α = 0 is GMML. */
class AmlTest {
    private static final Learners CATALOG = Learners.of(List.of(new SpectralCatalog()));

    private static Matrix randomSpd(SplittableRandom r, int d, double shift) {
        double[] a = new double[d * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        Matrix g = Matrix.of(d, d, a);
        return g.transpose().times(g).scale(1.0 / d).plusIdentity(shift);
    }

    private static double[] gaussian(SplittableRandom r, int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    @Test
    void confusionGradientMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(1);
        int d = 4;
        Matrix m = randomSpd(r, d, 0.5);
        Matrix inv = Psd.inverse(m);
        double beta = 5;
        for (boolean similar : new boolean[] {true, false}) {
            double[] x = gaussian(r, d);
            double[] x2 = gaussian(r, d);
            double[] p = gaussian(r, d);
            double[] p2 = gaussian(r, d);
            double[][] g = AmlGame.confusionGradient(m, inv, beta, x, x2, p, p2, similar);
            double h = 1e-6;
            for (int which = 0; which < 2; which++) {
                for (int t = 0; t < d; t++) {
                    double[] pu = p.clone();
                    double[] pd = p.clone();
                    double[] qu = p2.clone();
                    double[] qd = p2.clone();
                    (which == 0 ? pu : qu)[t] += h;
                    (which == 0 ? pd : qd)[t] -= h;
                    double fd = (AmlGame.confusionObjective(m, inv, beta, x, x2, pu, qu, similar)
                            - AmlGame.confusionObjective(m, inv, beta, x, x2, pd, qd, similar)) / (2 * h);
                    double exact = g[which][t];
                    assertEquals(exact, fd, 1e-6 * Math.max(1, Math.abs(exact)), "∂/∂" + (which == 0 ? "π" : "π'") + "_" + t);
                }
            }
        }
    }

    @Test
    void distinguishmentGradientMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(2);
        int d = 5;
        Matrix m = randomSpd(r, d, 0.7);
        Matrix a = randomSpd(r, d, 0.1);
        Matrix b = randomSpd(r, d, 0.1);
        Matrix g = AmlGame.distinguishmentGradient(m, a, b);
        for (int trial = 0; trial < 5; trial++) {
            Matrix e = randomSpd(r, d, 0).minus(randomSpd(r, d, 0));
            double h = 1e-6;
            double fd = (AmlGame.distinguishmentObjective(m.plus(e.scale(h)), a, b)
                    - AmlGame.distinguishmentObjective(m.minus(e.scale(h)), a, b)) / (2 * h);
            double exact = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    exact += g.get(i, j) * e.get(i, j);
                }
            }
            assertEquals(exact, fd, 1e-6 * Math.max(1, Math.abs(exact)), "directional derivative " + trial);
        }
    }

    @Test
    void confusionClosedFormIsTheNumericalMaximum() {
        SplittableRandom r = new SplittableRandom(3);
        int d = 3;
        Matrix m = randomSpd(r, d, 1.0);
        Matrix inv = Psd.inverse(m);
        double beta = 4;
        double lmin = org.metriclab.core.linalg.Eigen.symmetric(m).values()[d - 1];
        assertTrue(beta * lmin * lmin > 2, "the dissimilar confusion problem has a maximum here");
        for (boolean similar : new boolean[] {true, false}) {
            double[] x = gaussian(r, d);
            double[] x2 = gaussian(r, d);
            double[][] closed = AmlGame.adversarialPair(m, beta, x, x2, similar);
            // gradient ascent from the training pair on the concave quadratic
            double[] p = x.clone();
            double[] p2 = x2.clone();
            for (int it = 0; it < 20000; it++) {
                double[][] g = AmlGame.confusionGradient(m, inv, beta, x, x2, p, p2, similar);
                for (int t = 0; t < d; t++) {
                    p[t] += 0.01 * g[0][t];
                    p2[t] += 0.01 * g[1][t];
                }
            }
            for (int t = 0; t < d; t++) {
                assertEquals(p[t], closed[0][t], 1e-8, "π_" + t + (similar ? " (similar)" : " (dissimilar)"));
                assertEquals(p2[t], closed[1][t], 1e-8, "π'_" + t + (similar ? " (similar)" : " (dissimilar)"));
            }
            double best = AmlGame.confusionObjective(m, inv, beta, x, x2, closed[0], closed[1], similar);
            for (int trial = 0; trial < 100; trial++) {
                double[] q = closed[0].clone();
                double[] q2 = closed[1].clone();
                for (int t = 0; t < d; t++) {
                    q[t] += 0.1 * r.nextGaussian();
                    q2[t] += 0.1 * r.nextGaussian();
                }
                assertTrue(AmlGame.confusionObjective(m, inv, beta, x, x2, q, q2, similar) <= best, "a perturbation raised the objective");
            }
        }
    }

    @Test
    void distinguishmentClosedFormIsTheMinimum() {
        SplittableRandom r = new SplittableRandom(4);
        int d = 4;
        Matrix a = randomSpd(r, d, 0.2);
        Matrix b = randomSpd(r, d, 0.2);
        Matrix m = AmlGame.distinguish(a, b);
        Matrix g = AmlGame.distinguishmentGradient(m, a, b);
        assertTrue(g.frobeniusNorm() < 1e-9 * a.frobeniusNorm(), "gradient at the geometric mean " + g.frobeniusNorm());
        double best = AmlGame.distinguishmentObjective(m, a, b);
        for (int trial = 0; trial < 100; trial++) {
            Matrix e = randomSpd(r, d, 0).minus(randomSpd(r, d, 0)).scale(0.05);
            Matrix trialM = m.plus(e);
            if (org.metriclab.core.linalg.Cholesky.isPositiveDefinite(trialM)) {
                assertTrue(AmlGame.distinguishmentObjective(trialM, a, b) >= best, "a nearby SPD matrix did better");
            }
        }
    }

    @Test
    void theGameValueFromScattersEqualsTheSumOverExplicitAdversarialPairs() {
        Dataset data = Fixtures.gaussians(11, 10, 3, 3, 2.0);
        Pairs pairs = new RandomPairs(40).sample(data, new SplittableRandom(12));
        Matrix x = data.x();
        SplittableRandom r = new SplittableRandom(13);
        Matrix m = randomSpd(r, 3, 1.0);
        Matrix inv = Psd.inverse(m);
        double alpha = 0.7;
        double beta = 4.5;
        Matrix sRaw = Scatter.rowPairs(pairs, true).scatter(x);
        Matrix dRaw = Scatter.rowPairs(pairs, false).scatter(x);
        double fromScatters = new AmlGame(alpha, beta).value(m, beta, sRaw, dRaw, sRaw, dRaw);
        double explicit = 0;
        for (int k = 0; k < pairs.size(); k++) {
            double[] a = x.row(pairs.left(k));
            double[] b = x.row(pairs.right(k));
            boolean similar = pairs.isSimilar(k);
            double[][] adv = AmlGame.adversarialPair(m, beta, a, b, similar);
            explicit += AmlGame.pairLoss(m, inv, a, b, similar)
                    + alpha * AmlGame.confusionObjective(m, inv, beta, a, b, adv[0], adv[1], similar);
        }
        assertEquals(explicit, fromScatters, 1e-9 * Math.abs(explicit));
    }

    @Test
    void zeroAdversarialWeightIsGmml() {
        Dataset data = Fixtures.gaussians(5, 20, 3, 4, 2.0);
        Pairs pairs = new RandomPairs(0).sample(data, new SplittableRandom(6));
        MahalanobisMetric aml = new AmlLearner(0.0, 4.0, 1e-6, 50, 1e-8).fit(data.x(), pairs, FitContext.seeded(0));
        MahalanobisMetric gmml = new GmmlLearner(0.5, 1e-6).fit(data.x(), pairs, FitContext.seeded(0));
        assertTrue(aml.m().maxAbsDifference(gmml.m()) < 1e-10 * gmml.m().frobeniusNorm(), "alpha 0 differs from gmml");
        MahalanobisMetric adversarial = new AmlLearner(1.0, 4.0, 1e-6, 50, 1e-8).fit(data.x(), pairs, FitContext.seeded(0));
        assertTrue(adversarial.m().maxAbsDifference(gmml.m()) > 1e-3 * gmml.m().frobeniusNorm(), "alpha 1 changes the metric");
    }

    @Test
    void roundsSettleAndTheCapIsReported() {
        Dataset data = Fixtures.gaussians(7, 20, 3, 4, 2.0);
        Pairs pairs = new RandomPairs(0).sample(data, new SplittableRandom(8));
        List<String> warnings = new ArrayList<>();
        boolean[] converged = new boolean[2];
        Progress listener = new Progress() {
            @Override
            public void iteration(int iteration, double objective) {
            }

            @Override
            public void finished(int iterations, double objective, boolean done) {
                converged[0] = done;
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
        new AmlLearner(1.0, 4.0, 1e-6, 200, 1e-8).fit(data.x(), pairs, new FitContext(0, listener));
        assertTrue(converged[0], "the damped rounds reach tol");
        assertTrue(warnings.stream().noneMatch(w -> w.contains("max_iter")), warnings.toString());
        new AmlLearner(1.0, 4.0, 1e-6, 1, 1e-8).fit(data.x(), pairs, new FitContext(0, listener));
        assertTrue(!converged[0] && warnings.stream().anyMatch(w -> w.contains("max_iter = 1")), warnings.toString());
    }

    @Test
    void modelsRoundTripAndBadParametersNameThemselves() {
        Dataset train = Fixtures.gaussians(9, 10, 3, 3, 2.0);
        LearnedMetric m = CATALOG.create("aml", Params.empty()).fit(train, FitContext.seeded(0));
        MetricCodecs codecs = MetricCodecs.load();
        LearnedMetric back = codecs.decode(codecs.encode(m));
        assertEquals(m.embed(train.x()), back.embed(train.x()), "decoded model embeds identically");
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("alpha", -1.0), Map.of("beta", 2.0), Map.of("reg", 0.0),
                Map.of("max_iter", 0), Map.of("tol", -1.0))) {
            String key = bad.keySet().iterator().next();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CATALOG.create("aml", Params.of(bad)));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }
}
