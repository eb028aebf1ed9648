package org.metriclab.deep.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metriclab.deep.Activation;
import org.metriclab.deep.NetKind;
import org.metriclab.deep.NetSpec;

/**
 * The hand-derived passes ({@link MlpPass}, and {@link ConvFront} for the CNN) against SameDiff's
 * autodiff of the same network (the independent reference): forward outputs, batch statistics,
 * gradients of Σ output ⊙ G for every parameter, and inference, over activations, batch norm, dropout,
 * normalisation, input scaling, convolution layers and the decoder.
 */
class MlpPassTest {
    static Stream<Arguments> nets() {
        return Stream.of(
                Arguments.of(Activation.RELU, false, 0.0, true, 1.0, false),
                Arguments.of(Activation.RELU, true, 0.3, true, 1.0, false),
                Arguments.of(Activation.TANH, true, 0.0, false, 0.5, false),
                Arguments.of(Activation.SIGMOID, false, 0.2, true, 1.0, false),
                Arguments.of(Activation.LEAKY_RELU, true, 0.0, true, 2.0, false),
                Arguments.of(Activation.ELU, false, 0.0, false, 1.0, false),
                Arguments.of(Activation.IDENTITY, true, 0.0, true, 1.0, false),
                Arguments.of(Activation.RELU, false, 0.0, true, 1.0, true),
                Arguments.of(Activation.TANH, false, 0.0, false, 1.0, true));
    }

    @ParameterizedTest
    @MethodSource("nets")
    void matchesSameDiffAutodiff(Activation activation, boolean batchNorm, double dropout, boolean normalize, double scale, boolean decoder) {
        NetSpec spec = new NetSpec(NetKind.MLP, List.of(12, 9), 5, activation, batchNorm, dropout, normalize, List.of(), scale);
        checkAgainstSameDiff(spec, 7, decoder, dropout, new SplittableRandom(3));
    }

    static Stream<Arguments> cnns() {
        return Stream.of(
                Arguments.of(Activation.RELU, false, 0.0, List.of(3), List.of(5), 6, 1.0, false),
                Arguments.of(Activation.TANH, true, 0.2, List.of(2, 3), List.of(4), 7, 0.5, false),
                Arguments.of(Activation.ELU, false, 0.0, List.of(2), List.of(), 4, 1.0, true),
                Arguments.of(Activation.SIGMOID, true, 0.0, List.of(2, 2), List.of(6), 8, 2.0, true),
                Arguments.of(Activation.LEAKY_RELU, false, 0.0, List.of(4), List.of(3, 3), 5, 1.0, false));
    }

    /** The convolutional front (odd sides, several conv layers, no hidden layer, decoder) against SameDiff. */
    @ParameterizedTest
    @MethodSource("cnns")
    void convolutionalFrontMatchesSameDiffAutodiff(Activation activation, boolean batchNorm, double dropout, List<Integer> channels,
                                                   List<Integer> hidden, int side, double scale, boolean decoder) {
        NetSpec spec = new NetSpec(NetKind.CNN, hidden, 3, activation, batchNorm, dropout, true, channels, scale);
        checkAgainstSameDiff(spec, side * side, decoder, dropout, new SplittableRandom(11));
    }

    private static void checkAgainstSameDiff(NetSpec spec, int d, boolean decoder, double dropout, SplittableRandom rng) {
        int n = 16;
        LinkedHashMap<String, float[]> state = DeepNet.initialState(spec, d, decoder, rng);
        // non-trivial running statistics for inference
        state.replaceAll((k, v) -> {
            if (k.startsWith("bn_rm") || k.startsWith("bn_rv")) {
                float[] w = v.clone();
                for (int i = 0; i < w.length; i++) {
                    w[i] = k.startsWith("bn_rm") ? (float) rng.nextDouble(-0.5, 0.5) : (float) rng.nextDouble(0.5, 2);
                }
                return w;
            }
            return v;
        });
        DeepNet fast = new DeepNet(spec, d, decoder, state, false);
        DeepNet ref = SameDiffChatter.quietly(() -> new DeepNet(spec, d, decoder, state, true));
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        float[][] masks = new float[fast.dropoutWidths().size()][];
        assertEquals(ref.dropoutWidths(), fast.dropoutWidths());
        for (int l = 0; l < masks.length; l++) {
            masks[l] = new float[n * fast.dropoutWidths().get(l)];
            for (int i = 0; i < masks[l].length; i++) {
                masks[l][i] = rng.nextDouble() < dropout ? 0f : (float) (1 / (1 - dropout));
            }
        }
        Map<String, float[]> f1 = fast.forward(x, n, masks);
        Map<String, float[]> f2 = ref.forward(x, n, masks);
        assertEquals(f2.keySet(), f1.keySet());
        f2.forEach((k, v) -> assertClose(v, f1.get(k), 1e-5, "forward " + k));
        int outDim = decoder ? d : spec.embeddingSize();
        float[] g = new float[n * outDim];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) rng.nextGaussian();
        }
        Map<String, float[]> g1 = fast.gradients(x, n, masks, g);
        Map<String, float[]> g2 = SameDiffChatter.quietly(() -> ref.gradients(x, n, masks, g));
        assertEquals(g2.keySet(), g1.keySet());
        g2.forEach((k, v) -> assertClose(v, g1.get(k), 1e-4, "gradient " + k));
        // a fresh pass (no cached forward) gives the same gradients
        Map<String, float[]> g3 = fast.gradients(x.clone(), n, masks, g);
        g1.forEach((k, v) -> assertArrayEquals(v, g3.get(k), "recomputed gradient " + k));
        assertClose(ref.infer(x, n, false), fast.infer(x, n, false), 1e-5, "inference");
        if (decoder) {
            assertClose(ref.infer(x, n, true), fast.infer(x, n, true), 1e-5, "reconstruction");
        }
    }

    @ParameterizedTest
    @MethodSource("nets")
    void parameterUpdateInvalidatesTheCachedPass(Activation activation, boolean batchNorm, double dropout, boolean normalize, double scale,
                                                 boolean decoder) {
        NetSpec spec = new NetSpec(NetKind.MLP, List.of(6), 3, activation, batchNorm, dropout, normalize, List.of(), scale);
        int n = 8;
        int d = 4;
        SplittableRandom rng = new SplittableRandom(5);
        LinkedHashMap<String, float[]> state = DeepNet.initialState(spec, d, decoder, rng);
        DeepNet fast = new DeepNet(spec, d, decoder, state, false);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        float[][] masks = new float[fast.dropoutWidths().size()][];
        for (int l = 0; l < masks.length; l++) {
            masks[l] = new float[n * fast.dropoutWidths().get(l)];
            Arrays.fill(masks[l], 1f);
        }
        float[] g = new float[n * (decoder ? d : 3)];
        Arrays.fill(g, 0.5f);
        fast.forward(x, n, masks);
        float[] w = state.get("out_W").clone();
        for (int i = 0; i < w.length; i++) {
            w[i] *= 2;
        }
        fast.set("out_W", w);
        assertArrayEquals(w, fast.state().get("out_W"), "set writes through to the parameter");
        Map<String, float[]> afterSet = fast.gradients(x, n, masks, g);
        DeepNet fresh = new DeepNet(spec, d, decoder, fast.state(), false);
        Map<String, float[]> expected = fresh.gradients(x, n, masks, g);
        expected.forEach((k, v) -> assertArrayEquals(v, afterSet.get(k), "gradient " + k + " after set"));
    }

    private static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            assertTrue(err <= tol * Math.max(1, scale), what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i]);
        }
    }
}
