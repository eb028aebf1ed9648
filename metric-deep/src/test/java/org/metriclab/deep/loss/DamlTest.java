package org.metriclab.deep.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * daml: the embedding gradient is that of the metric objective (through the generator), the weight
 * gradient that of the generator objective, both by finite differences; the initial generator reproduces
 * the real negatives; misuse is one line.
 */
class DamlTest {
    private static final int N = LossGradientTest.N;
    private static final int D = LossGradientTest.D;

    @Test
    void gradientsMatchFiniteDifferencesOfTheirObjectives() {
        int[] y = LossGradientTest.labels();
        for (Map<String, Object> p : new Map[] {Map.of(), Map.of("margin", 0.5, "lambda", 0.7, "hard", 0.3, "reg", 2.0, "adv", 5.0)}) {
            DamlLoss loss = (DamlLoss) Losses.loss("daml", p);
            for (String miner : new String[] {null, "batch_hard"}) {
                double[] x = LossGradientTest.randomBlock(N, 31);
                double[] w = LossGradientTest.randomBlock(3 * D + 1, D, 32);
                for (int i = 0; i < w.length; i++) {
                    w[i] *= 0.4;
                }
                Tuples t = miner == null ? null : Losses.miner(miner, Map.of()).mine(x, N, D, y, new SplittableRandom(1));
                LossOutput out = loss.evaluate(new LossBatch(x, N, D, y, t, w));
                assertTrue(out.value() > 0 && loss.generatorObjective(new LossBatch(x, N, D, y, t, w)) > 0);
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
                for (int i = 0; i < w.length; i++) {
                    double keep = w[i];
                    w[i] = keep + h;
                    double up = loss.generatorObjective(new LossBatch(x, N, D, y, t, w));
                    w[i] = keep - h;
                    double down = loss.generatorObjective(new LossBatch(x, N, D, y, t, w));
                    w[i] = keep;
                    errW = Math.max(errW, Math.abs((up - down) / (2 * h) - out.gradWeights()[i]));
                }
                assertTrue(errX < 1e-6, p + " " + miner + " d/dx max error " + errX);
                assertTrue(errW < 1e-5, p + " " + miner + " d/dW max error " + errW);
            }
        }
    }

    @Test
    void theInitialGeneratorGivesTheRealNegatives() {
        DamlLoss loss = (DamlLoss) Losses.loss("daml", Map.of("lambda", 1.0));
        double[] w = loss.initialWeights(4, D, new SplittableRandom(0));
        assertEquals((3 * D + 1) * D, w.length);
        double[] exact = new double[w.length];
        for (int j = 0; j < D; j++) {
            exact[(2 * D + j) * D + j] = 1;
        }
        double[] x = LossGradientTest.randomBlock(N, 2);
        int[] y = LossGradientTest.labels();
        double withGenerator = loss.evaluate(new LossBatch(x, N, D, y, null, exact)).value();
        double plain = Losses.loss("daml", Map.of("lambda", 0.0)).evaluate(new LossBatch(x, N, D, y, null, exact)).value();
        assertEquals(2 * plain, withGenerator, 1e-12, "ñ = n: the synthetic term repeats the real one");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.evaluate(new LossBatch(x, N, D, y, null, new double[D * 4])));
        assertTrue(e.getMessage().contains("needs its generator's 16×5 parameters"), e.getMessage());
    }
}
