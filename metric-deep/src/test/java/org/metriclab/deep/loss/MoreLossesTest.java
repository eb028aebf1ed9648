package org.metriclab.deep.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The later losses and miners: finite-difference gradients with miners and non-default parameters, edge cases. */
class MoreLossesTest {
    static final int N = LossGradientTest.N;
    static final int D = LossGradientTest.D;
    static final int C = LossGradientTest.C;

    static List<LossGradientTest.Case> cases() {
        return List.of(
                new LossGradientTest.Case("angular", Map.of("alpha", 30.0), null, Map.of()),
                new LossGradientTest.Case("angular", Map.of(), "angular", Map.of("angle", 10.0)),
                new LossGradientTest.Case("angular", Map.of("reducer", "sum"), "batch_hard", Map.of()),
                new LossGradientTest.Case("margin", Map.of("learn_beta", true, "nu", 0.1), null, Map.of()),
                new LossGradientTest.Case("margin", Map.of("learn_beta", true, "nu", 0.1, "num_classes", C), null, Map.of()),
                new LossGradientTest.Case("margin", Map.of("margin", 0.1, "beta", 0.8), "batch_hard", Map.of()),
                new LossGradientTest.Case("soft_triple", Map.of("centers_per_class", 3, "gamma", 0.5, "margin", 0.1), "batch_hard", Map.of()),
                new LossGradientTest.Case("normalized_softmax", Map.of("temperature", 0.3), "triplet_margin", Map.of("margin", 0.5)),
                new LossGradientTest.Case("fast_ap", Map.of("num_bins", 4), "batch_hard", Map.of()),
                new LossGradientTest.Case("tuplet_margin", Map.of("margin", 20.0, "scale", 8.0), "triplet_margin", Map.of("margin", 0.5)),
                new LossGradientTest.Case("softmax_triplet", Map.of("normalize", false), "batch_hard", Map.of()),
                new LossGradientTest.Case("triplet_global", Map.of("margin", 2.0, "lambda", 0.5), "triplet_margin", Map.of("margin", 0.5)),
                new LossGradientTest.Case("sphereface", Map.of(), null, Map.of()),
                new LossGradientTest.Case("sphereface", Map.of("margin", 3, "scale", 2.0), "batch_hard", Map.of()),
                new LossGradientTest.Case("subcenter_arcface", Map.of("scale", 8.0), null, Map.of()),
                new LossGradientTest.Case("subcenter_arcface", Map.of("sub_centers", 2, "margin", 20.0, "scale", 4.0), "triplet_margin",
                        Map.of("margin", 0.5)));
    }

    @TestFactory
    Stream<DynamicTest> analyticGradientMatchesFiniteDifferences() {
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.loss() + k.params() + " " + k.miner(), () -> {
            MetricLoss loss = Losses.loss(k.loss(), k.params());
            // rows of different lengths: the losses must differentiate through the normalisation correctly
            double[] x = LossGradientTest.randomBlock(N, 17);
            for (int i = 0; i < x.length; i++) {
                x[i] *= 1 + (i / D) % 3;
            }
            double[] w = loss.usesWeights() ? LossGradientTest.randomBlock(weightRows(loss), 19) : null;
            int[] y = LossGradientTest.labels();
            Tuples t = k.miner() == null ? null : Losses.miner(k.miner(), k.minerParams()).mine(x, N, D, y, new SplittableRandom(3));
            LossOutput out = loss.evaluate(new LossBatch(x, N, D, y, t, w));
            assertTrue(out.value() > 0, "value should be positive on random data: " + out.value());
            checkGradient(loss, x, w, y, t, out.gradEmbeddings(), true);
            if (w != null) {
                checkGradient(loss, x, w, y, t, out.gradWeights(), false);
            }
        }));
    }

    static void checkGradient(MetricLoss loss, double[] x, double[] w, int[] y, Tuples t, double[] grad, boolean wrtX) {
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

    private static int weightRows(MetricLoss loss) {
        return loss.initialWeights(C, D, new SplittableRandom(1)).length / D;
    }

    @Test
    void marginLossLearnsItsBoundaryAsTheRowMean() {
        MarginLoss loss = (MarginLoss) Losses.loss("margin", Map.of("learn_beta", true, "num_classes", C, "beta", 0.9));
        double[] w = loss.initialWeights(7, D, new SplittableRandom(0));
        assertEquals(C * D, w.length, "one row per class, from num_classes");
        assertEquals(0.9, w[D * C - 1]);
        double[] x = LossGradientTest.randomBlock(N, 4);
        LossOutput learned = loss.evaluate(new LossBatch(x, N, D, LossGradientTest.labels(), null, w));
        LossOutput fixed = Losses.loss("margin", Map.of("beta", 0.9)).evaluate(new LossBatch(x, N, D, LossGradientTest.labels(), null, null));
        assertEquals(fixed.value(), learned.value(), 1e-12, "nu = 0: learned boundaries at their start value give the fixed loss");
        for (int r = 0; r < C; r++) {
            for (int c = 1; c < D; c++) {
                assertEquals(learned.gradWeights()[r * D], learned.gradWeights()[r * D + c], "a row's entries move together");
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.evaluate(new LossBatch(x, N, D, LossGradientTest.labels(), null, new double[D])));
        assertTrue(e.getMessage().contains("expected 4 beta row(s)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.loss("margin", Map.of()).evaluate(new LossBatch(x, N, D, LossGradientTest.labels(), null, w)));
        assertTrue(e.getMessage().contains("learn_beta"), e.getMessage());
    }

    @Test
    void softTripleChecksItsCentreBlock() {
        MetricLoss loss = Losses.loss("soft_triple", Map.of("centers_per_class", 3));
        double[] w = loss.initialWeights(C, D, new SplittableRandom(0));
        assertEquals(C * 3 * D, w.length, "one row per centre");
        double bound = 1 / Math.sqrt(C * 3);
        for (double v : w) {
            assertTrue(Math.abs(v) <= bound, "kaiming-uniform bound " + bound + ": " + v);
        }
        double[] x = LossGradientTest.randomBlock(N, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.evaluate(new LossBatch(x, N, D, LossGradientTest.labels(), null, LossGradientTest.randomBlock(C * 3 + 1, 1))));
        assertTrue(e.getMessage().contains("13 centre rows are not a multiple of centers_per_class=3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.loss("soft_triple", Map.of("centers_per_class", 3, "num_classes", 5))
                .evaluate(new LossBatch(x, N, D, LossGradientTest.labels(), null, w)));
        assertTrue(e.getMessage().contains("12 centre rows do not match num_classes=5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> loss.evaluate(new LossBatch(x, N, D, LossGradientTest.labels(), null, LossGradientTest.randomBlock(3, 1))));
        assertTrue(e.getMessage().contains("labels must be class indices in [0, 1)"), e.getMessage());
    }

    @Test
    void tupletMarginStaysFiniteOnCoincidingPositivesAndFollowsPmlOnTinyTuples() {
        // rows 0 and 1 point the same way: cos = 1 up to rounding, where acos and its slope break down
        double[] x = {1, 2, 3, 2, 4, 6, -1, 0.5, 0, 0, 1, -2};
        int[] y = {0, 0, 1, 1};
        LossOutput out = Losses.loss("tuplet_margin", Map.of()).evaluate(new LossBatch(x, 4, 3, y, null, null));
        assertTrue(Double.isFinite(out.value()) && out.value() > 0, "value " + out.value());
        for (double g : out.gradEmbeddings()) {
            assertTrue(Double.isFinite(g), "gradient must be finite");
        }
        // one positive and one negative pair only: PML returns 0
        Tuples one = new Tuples.Pairs(new int[] {0}, new int[] {1}, new int[] {0}, new int[] {2});
        LossOutput tiny = Losses.loss("tuplet_margin", Map.of()).evaluate(new LossBatch(x, 4, 3, y, one, null));
        assertEquals(0.0, tiny.value());
    }

    @Test
    void angularMinerKeepsOnlyWideTriplets() {
        // a and p far apart, n near their centre: wide angle; m far from the centre: narrow angle
        double[] x = {1, 0, -1, 0, 0, 0.1, 0, 5};
        int[] y = {0, 0, 1, 2};
        Tuples.Triplets t = (Tuples.Triplets) new AngularMiner(20).mine(x, 4, 2, y, new SplittableRandom(0));
        assertEquals(2, t.size(), "(0,1,2) and (1,0,2): atan(2 / 0.2) = 84 degrees; with n = 3 only atan(2 / 10) = 11 degrees");
        for (int i = 0; i < t.size(); i++) {
            assertEquals(2, t.n()[i], "only the near-centre negative forms an angle over 20 degrees");
        }
        Tuples.Triplets none = (Tuples.Triplets) new AngularMiner(89).mine(x, 4, 2, y, new SplittableRandom(0));
        assertEquals(0, none.size());
    }

    @Test
    void angularLossIsZeroWithoutNegativesAndRejectsBadAngles() {
        LossOutput out = Losses.loss("angular", Map.of()).evaluate(new LossBatch(LossGradientTest.randomBlock(N, 2), N, D, new int[N], null, null));
        assertEquals(0.0, out.value());
        assertEquals(0.0, LossOutput.norm(out.gradEmbeddings()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.loss("angular", Map.of("alpha", 90)));
        assertTrue(e.getMessage().contains("(0, 90)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.miner("angular", Map.of("angle", -1)));
        assertTrue(e.getMessage().contains("[0, 90)"), e.getMessage());
    }
}
