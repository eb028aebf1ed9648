package org.metriclab.deep.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** prototypical: a hand-computed episode, finite differences through the prototypes, misuse. */
class PrototypicalLossTest {

    @Test
    void handComputedEpisode() {
        // 1-D, 2 ways, 1 shot: supports 0 (class 5) and 4 (class 3); queries 1 (class 5) and 3 (class 3)
        double[] x = {0, 4, 1, 3};
        int[] y = {5, 3, 5, 3};
        LossOutput out = Losses.loss("prototypical", Map.of()).evaluate(new LossBatch(x, 4, 1, y, null, null));
        // query 1: logits (−1, −9); query 3: logits (−9, −1); both −log(e^−1 / (e^−1 + e^−9))
        double each = Math.log(1 + Math.exp(-8));
        assertEquals(each, out.value(), 1e-15);
        // d/dz_q of the first query: −2·Σ_c g_c (z_q − p_c) / 2 queries with g = softmax − onehot = (−p9, p9)
        double p9 = Math.exp(-9) / (Math.exp(-1) + Math.exp(-9));
        double dq = (-2 * (-p9) * (1 - 0) - 2 * p9 * (1 - 4)) / 2;
        assertEquals(dq, out.gradEmbeddings()[2], 1e-15);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        int n = 15;
        int d = 4;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i / 5;
        }
        for (Map<String, Object> p : new Map[] {Map.of("shots", 2), Map.of("shots", 3, "normalize", true), Map.of("shots", 1)}) {
            MetricLoss loss = Losses.loss("prototypical", p);
            double[] x = LossGradientTest.randomBlock(n, d, 13);
            LossOutput out = loss.evaluate(new LossBatch(x, n, d, y, null, null));
            assertTrue(out.value() > 0);
            double h = 1e-6;
            double maxErr = 0;
            for (int i = 0; i < x.length; i++) {
                double keep = x[i];
                x[i] = keep + h;
                double up = loss.evaluate(new LossBatch(x, n, d, y, null, null)).value();
                x[i] = keep - h;
                double down = loss.evaluate(new LossBatch(x, n, d, y, null, null)).value();
                x[i] = keep;
                maxErr = Math.max(maxErr, Math.abs((up - down) / (2 * h) - out.gradEmbeddings()[i]));
            }
            assertTrue(maxErr < 1e-7, p + " max finite-difference error " + maxErr);
        }
    }

    @Test
    void classesNeedQueries() {
        double[] x = LossGradientTest.randomBlock(6, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.loss("prototypical", Map.of("shots", 3)).evaluate(new LossBatch(x, 6, 2, new int[] {0, 0, 0, 1, 1, 1}, null, null)));
        assertTrue(e.getMessage().contains("use sampler m_per_class with m > shots"), e.getMessage());
        assertEquals(0.0, Losses.loss("prototypical", Map.of()).evaluate(new LossBatch(x, 6, 2, new int[6], null, null)).value(),
                "one class: nothing to tell apart");
    }
}
