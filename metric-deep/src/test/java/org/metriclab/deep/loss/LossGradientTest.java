package org.metriclab.deep.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Central finite differences of every loss value against its analytic gradient (embeddings and weights). */
class LossGradientTest {
    static final int N = 12;
    static final int D = 5;
    static final int C = 4;

    record Case(String loss, Map<String, Object> params, String miner, Map<String, Object> minerParams) {
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        for (String l : Losses.lossNames()) {
            // cross_batch_memory holds its references constant (a stop-gradient): XbmTest checks it against that;
            // daml's weight gradient is that of its generator objective, not of the value: DamlTest checks both
            if (!l.equals("circle") && !l.equals("cross_batch_memory") && !l.equals("daml")) {
                c.add(new Case(l, Map.of(), null, Map.of()));
            }
        }
        c.add(new Case("triplet_margin", Map.of("margin", 0.3, "swap", true), null, Map.of()));
        c.add(new Case("triplet_margin", Map.of("margin", 0.0, "smooth_loss", true), "batch_hard", Map.of()));
        c.add(new Case("contrastive", Map.of("pos_margin", 0.1, "neg_margin", 1.2), "pair_margin", Map.of("pos_margin", 0.1, "neg_margin", 1.2)));
        c.add(new Case("multi_similarity", Map.of(), "multi_similarity", Map.of("epsilon", 0.3)));
        c.add(new Case("triplet_margin", Map.of("margin", 0.2), "triplet_margin", Map.of("margin", 0.5, "type_of_triplets", "semihard")));
        c.add(new Case("proxy_anchor", Map.of(), "batch_hard", Map.of()));
        c.add(new Case("arcface", Map.of("margin", 20.0, "scale", 8.0), "batch_hard", Map.of()));
        c.add(new Case("contrastive", Map.of(), "distance_weighted", Map.of()));
        c.add(new Case("fisher", Map.of("lambda", 0.5, "margin", 3.0), null, Map.of()));
        c.add(new Case("softmax", Map.of("normalize", true, "scale", 4.0), null, Map.of()));
        // triplet miners repeat negative pairs, so an anchor can have more than n of them (regression: buffer overflow)
        c.add(new Case("ntxent", Map.of("temperature", 0.5), "triplet_margin", Map.of("margin", 1.0, "type_of_triplets", "all")));
        c.add(new Case("ntxent", Map.of("temperature", 0.5), "batch_all", Map.of()));
        return c;
    }

    static double[] randomBlock(int rows, long seed) {
        return randomBlock(rows, D, seed);
    }

    static double[] randomBlock(int rows, int dims, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[rows * dims];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    static int[] labels() {
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = i % C;
        }
        return y;
    }

    @TestFactory
    Stream<DynamicTest> analyticGradientMatchesFiniteDifferences() {
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.loss() + k.params() + " " + k.miner(), () -> {
            MetricLoss loss = Losses.loss(k.loss(), k.params());
            double[] x = randomBlock(N, 7);
            double[] w = loss.usesWeights() ? randomBlock(loss.initialWeights(C, D, new SplittableRandom(1)).length / D, 11) : null;
            int[] y = labels();
            Tuples t = k.miner() == null ? null : Losses.miner(k.miner(), k.minerParams()).mine(x, N, D, y, new SplittableRandom(3));
            LossOutput out = loss.evaluate(new LossBatch(x, N, D, y, t, w));
            // DeepLDA's loss is minus a mean of eigenvalues: negative whenever the classes separate at all
            assertTrue(k.loss().equals("deep_lda") ? out.value() < 0 : out.value() > 0, "value should be non-zero on random data: " + out.value());
            check(loss, x, w, y, t, out.gradEmbeddings(), true);
            if (w != null) {
                check(loss, x, w, y, t, out.gradWeights(), false);
            }
        }));
    }

    private static void check(MetricLoss loss, double[] x, double[] w, int[] y, Tuples t, double[] grad, boolean wrtX) {
        double h = 1e-6;
        double[] target = wrtX ? x : w;
        double maxErr = 0;
        double scale = LossOutput.norm(grad) + 1e-12;
        for (int i = 0; i < target.length; i++) {
            double keep = target[i];
            target[i] = keep + h;
            double up = loss.evaluate(new LossBatch(x, N, D, y, t, w)).value();
            target[i] = keep - h;
            double down = loss.evaluate(new LossBatch(x, N, D, y, t, w)).value();
            target[i] = keep;
            maxErr = Math.max(maxErr, Math.abs((up - down) / (2 * h) - grad[i]));
        }
        assertTrue(maxErr <= 1e-5 * Math.max(1, scale), loss.name() + (wrtX ? " d/dx" : " d/dW") + " max error " + maxErr + " (grad norm " + scale + ")");
    }

    @Test
    void circleGradientDetachesItsWeights() {
        // with gamma tiny the detached weights barely matter, so finite differences of the value agree
        MetricLoss loss = Losses.loss("circle", Map.of("gamma", 1.0, "m", 0.25));
        double[] x = randomBlock(N, 5);
        LossOutput out = loss.evaluate(new LossBatch(x, N, D, labels(), null, null));
        assertTrue(out.value() > 0);
        assertTrue(LossOutput.norm(out.gradEmbeddings()) > 0);
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.loss("tripletz", Map.of()));
        assertTrue(e.getMessage().contains("triplet_margin"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.loss("contrastive", Map.of("margin", 1)));
        assertTrue(e.getMessage().contains("neg_margin"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.miner("hardest", Map.of()));
        assertTrue(e.getMessage().contains("batch_hard"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.miner("triplet_margin", Map.of("type_of_triplets", "medium")));
        assertTrue(e.getMessage().contains("semihard"), e.getMessage());
        MetricLoss pa = Losses.loss("proxy_anchor", Map.of());
        e = assertThrows(IllegalArgumentException.class, () -> pa.evaluate(new LossBatch(randomBlock(N, 1), N, D, labels(), null, null)));
        assertTrue(e.getMessage().contains("weight"), e.getMessage());
        int[] bad = labels();
        bad[0] = 9;
        e = assertThrows(IllegalArgumentException.class, () -> pa.evaluate(new LossBatch(randomBlock(N, 1), N, D, bad, null, randomBlock(C, 2))));
        assertTrue(e.getMessage().contains("[0, 4)"), e.getMessage());
        double[] nan = randomBlock(N, 1);
        nan[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> new LossBatch(nan, N, D, labels(), null, null));
    }

    @Test
    void noValidTupleGivesZeroLossAndZeroGradient() {
        int[] y = new int[N];
        LossOutput out = Losses.loss("triplet_margin", Map.of()).evaluate(new LossBatch(randomBlock(N, 2), N, D, y, null, null));
        assertEquals(0.0, out.value());
        assertEquals(0.0, LossOutput.norm(out.gradEmbeddings()));
    }
}
