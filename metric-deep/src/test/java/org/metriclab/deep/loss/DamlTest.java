package org.metriclab.deep.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * daml: both gradients by finite differences (the network's through the generator, the generator's of
 * J_gen) for one-, two- and three-layer generators; closed forms on constructed cases — the noise-free
 * initial generator returns the real negative exactly, where J_m is (1 + lambda)× the real triplet hinge
 * and J_gen has no reg term; lambda 0 leaves the plain hinge whatever the generator; gradient descent on
 * J_gen alone drives G's output to ((hard + adv)·a + reg·n) / (hard + adv + reg), which tends to n as reg
 * grows; one layer is the affine map Wᵀ[a; p; n] + b; misuse is one line.
 */
class DamlTest {
    private static final int N = LossGradientTest.N;
    private static final int D = LossGradientTest.D;

    /** A generator whose Gaussian draws are all 0: the initial weights are exactly their structured part. */
    private static final RandomGenerator NO_NOISE = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextGaussian() {
            return 0;
        }
    };

    static DamlLoss daml(Object... kv) {
        Map<String, Object> p = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return (DamlLoss) Losses.loss("daml", p);
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheirObjectives() {
        int[] y = LossGradientTest.labels();
        Object[][] setups = {{}, {"generator_layers", 1}, {"generator_layers", 2, "generator_width", 7},
            {"generator_layers", 3, "generator_width", 12, "margin", 0.5, "lambda", 0.7, "hard", 0.3, "reg", 2.0, "adv", 5.0}};
        for (Object[] setup : setups) {
            DamlLoss loss = daml(setup.length == 0 ? new Object[] {"generator_width", 16} : setup);
            for (String miner : new String[] {null, "batch_hard"}) {
                double[] x = LossGradientTest.randomBlock(N, 31);
                int count = loss.generator(D).parameterCount();
                double[] w = LossGradientTest.randomBlock(count / D, D, 32);
                for (int i = 0; i < w.length; i++) {
                    w[i] *= 0.4;
                }
                Tuples t = miner == null ? null : Losses.miner(miner, Map.of()).mine(x, N, D, y, new SplittableRandom(1));
                LossOutput out = loss.evaluate(new LossBatch(x, N, D, y, t, w));
                String what = loss.params() + " " + miner;
                assertTrue(out.value() > 0 && loss.generatorObjective(new LossBatch(x, N, D, y, t, w)) > 0, what);
                double h = 1e-6;
                double errX = 0;
                for (int i = 0; i < x.length; i++) {
                    double keep = x[i];
                    x[i] = keep + h;
                    double up = loss.evaluate(new LossBatch(x, N, D, y, t, w)).value();
                    x[i] = keep - h;
                    double down = loss.evaluate(new LossBatch(x, N, D, y, t, w)).value();
                    x[i] = keep;
                    errX = Math.max(errX, Math.abs((up - down) / (2 * h) - out.gradEmbeddings()[i]));
                }
                double errW = 0;
                double norm = 0;
                for (int i = 0; i < w.length; i++) {
                    double keep = w[i];
                    w[i] = keep + h;
                    double up = loss.generatorObjective(new LossBatch(x, N, D, y, t, w));
                    w[i] = keep - h;
                    double down = loss.generatorObjective(new LossBatch(x, N, D, y, t, w));
                    w[i] = keep;
                    errW = Math.max(errW, Math.abs((up - down) / (2 * h) - out.gradWeights()[i]));
                    norm = Math.max(norm, Math.abs(out.gradWeights()[i]));
                }
                assertTrue(errX < 1e-6, what + " d/dx max error " + errX);
                assertTrue(errW < 1e-5 * Math.max(1, norm), what + " d/dW max error " + errW + " (largest " + norm + ")");
                assertTrue(norm > 1e-3, what + " the generator must receive a gradient");
            }
        }
    }

    @Test
    void oneLayerIsTheAffineMap() {
        DamlLoss loss = daml("generator_layers", 1);
        double[] w = LossGradientTest.randomBlock(3 * D + 1, D, 5);
        assertEquals((3 * D + 1) * D, loss.generator(D).parameterCount());
        double[] u = LossGradientTest.randomBlock(3, D, 6);
        double[] a = java.util.Arrays.copyOfRange(u, 0, D);
        double[] p = java.util.Arrays.copyOfRange(u, D, 2 * D);
        double[] n = java.util.Arrays.copyOfRange(u, 2 * D, 3 * D);
        double[] fake = loss.synthesize(w, a, p, n);
        for (int j = 0; j < D; j++) {
            double s = w[3 * D * D + j];
            for (int i = 0; i < 3 * D; i++) {
                s += u[i] * w[i * D + j];
            }
            assertEquals(s, fake[j], 1e-12);
        }
    }

    @Test
    void theNoiseFreeInitialGeneratorReturnsTheRealNegativeExactly() {
        double[] x = LossGradientTest.randomBlock(N, 2);
        int[] y = LossGradientTest.labels();
        for (Object[] setup : new Object[][] {{"generator_layers", 1}, {"generator_layers", 2, "generator_width", 2 * D},
            {"generator_layers", 3, "generator_width", 3 * D}}) {
            double lambda = 0.6;
            double margin = 0.3;
            Object[] kv = java.util.Arrays.copyOf(setup, setup.length + 4);
            kv[setup.length] = "lambda";
            kv[setup.length + 1] = lambda;
            kv[setup.length + 2] = "margin";
            kv[setup.length + 3] = margin;
            DamlLoss loss = daml(kv);
            double[] w = loss.initialWeights(4, D, NO_NOISE);
            Embeddings e = new Embeddings(x, N, D, true);
            Tuples.Triplets t = Tuples.toTriplets(null, y);
            double hinge = 0;
            double gen = 0;
            for (int k = 0; k < t.size(); k++) {
                double[] a = java.util.Arrays.copyOfRange(e.values, t.a()[k] * D, t.a()[k] * D + D);
                double[] p = java.util.Arrays.copyOfRange(e.values, t.p()[k] * D, t.p()[k] * D + D);
                double[] n = java.util.Arrays.copyOfRange(e.values, t.n()[k] * D, t.n()[k] * D + D);
                assertArrayEquals(n, loss.synthesize(w, a, p, n), loss.params().toString());
                double ap = dist2(a, p);
                double an = dist2(a, n);
                hinge += Math.max(0, ap - an + margin);
                gen += an + 50 * Math.max(0, an - ap - margin);
            }
            LossBatch b = new LossBatch(x, N, D, y, null, w);
            assertEquals((1 + lambda) * hinge / t.size(), loss.evaluate(b).value(), 1e-12);
            assertEquals(gen / t.size(), loss.generatorObjective(b), 1e-12);
        }
    }

    @Test
    void withLambdaZeroTheGeneratorDoesNotTouchTheMetric() {
        double[] x = LossGradientTest.randomBlock(N, 8);
        int[] y = LossGradientTest.labels();
        DamlLoss loss = daml("lambda", 0.0, "generator_width", 12);
        int count = loss.generator(D).parameterCount();
        LossOutput one = loss.evaluate(new LossBatch(x, N, D, y, null, LossGradientTest.randomBlock(count / D, D, 1)));
        LossOutput two = loss.evaluate(new LossBatch(x, N, D, y, null, LossGradientTest.randomBlock(count / D, D, 2)));
        assertEquals(one.value(), two.value(), 0);
        assertArrayEquals(one.gradEmbeddings(), two.gradEmbeddings(), 0);
    }

    /**
     * One triplet on the unit circle's plane, a = e1, p = a (‖p − a‖² = 0), n = −e1: gradient descent on the
     * generator's parameters alone reaches the closed-form optimum of J_gen in output space.
     */
    @Test
    void generatorDescentReachesTheClosedFormOptimumWhichTendsToTheRealNegative() {
        double[] x = {1, 0, 0, 1, 0, 0, -1, 0, 0};
        int[] y = {0, 0, 1};
        Tuples t = new Tuples.Triplets(new int[] {0}, new int[] {1}, new int[] {2});
        double previous = Double.POSITIVE_INFINITY;
        for (double[] c : new double[][] {{1, 1, 0}, {1, 9, 0}, {1, 999, 0}, {1, 97, 2}}) {
            double hard = c[0];
            double reg = c[1];
            double adv = c[2];
            DamlLoss loss = daml("hard", hard, "reg", reg, "adv", adv, "margin", 0.01, "generator_layers", 3, "generator_width", 8);
            double[] w = loss.initialWeights(2, 3, new SplittableRandom(4));
            double step = 1e-2 / (hard + reg + adv);
            double value = loss.generatorObjective(new LossBatch(x, 3, 3, y, t, w));
            for (int it = 0; it < 20000 && step > 1e-15; it++) {
                double[] g = loss.evaluate(new LossBatch(x, 3, 3, y, t, w)).gradWeights();
                double[] trial = w.clone();
                for (int i = 0; i < w.length; i++) {
                    trial[i] -= step * g[i];
                }
                double v = loss.generatorObjective(new LossBatch(x, 3, 3, y, t, trial));
                if (v <= value) {
                    w = trial;
                    value = v;
                    step *= 1.2;
                } else {
                    step /= 2;
                }
            }
            double k = hard + adv + reg;
            double[] expected = {((hard + adv) - reg) / k, 0, 0};
            double[] fake = loss.synthesize(w, new double[] {1, 0, 0}, new double[] {1, 0, 0}, new double[] {-1, 0, 0});
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[j], fake[j], 1e-6, "hard " + hard + " reg " + reg + " adv " + adv);
            }
            if (adv == 0) {
                double gap = Math.sqrt(dist2(fake, new double[] {-1, 0, 0}));
                assertEquals(2 * hard / k, gap, 1e-6);
                assertTrue(gap < previous, "a larger reg brings ñ closer to n");
                previous = gap;
            }
        }
        assertTrue(previous < 2.1e-3, "reg 999: ñ within 0.002 of the real negative");
    }

    @Test
    void misuseIsOneLine() {
        DamlLoss loss = daml("generator_layers", 2, "generator_width", 10);
        double[] x = LossGradientTest.randomBlock(N, 2);
        int[] y = LossGradientTest.labels();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.evaluate(new LossBatch(x, N, D, y, null, new double[D * 4])));
        assertTrue(e.getMessage().contains("needs its generator's " + loss.generator(D).parameterCount() / D + "×5 parameters"), e.getMessage());
        for (Object[] bad : new Object[][] {{"generator_layers", 0}, {"generator_layers", 9}, {"generator_width", 0}}) {
            e = assertThrows(IllegalArgumentException.class, () -> daml(bad));
            assertTrue(e.getMessage().contains("generator_layers must be in [1, 8] and generator_width in [1, 4096]"), e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class, () -> daml("hard", 0.0, "reg", 0.0, "adv", 0.0));
        assertTrue(e.getMessage().contains("no objective"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> daml("reg", -1.0));
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
    }

    private static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }
}
