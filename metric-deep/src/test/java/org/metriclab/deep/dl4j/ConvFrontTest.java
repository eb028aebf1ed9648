package org.metriclab.deep.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metriclab.deep.Activation;
import org.metriclab.deep.NetKind;
import org.metriclab.deep.NetSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The batched CNN front ({@link ConvFront}) against the per-layer reference pass it replaced
 * ({@link ReferenceConvFront}: activation before pooling, pooling on the activated maps) and against
 * central finite differences of its own forward pass.
 */
class ConvFrontTest {
    static Stream<Arguments> fronts() {
        return Stream.of(
                Arguments.of(Activation.RELU, List.of(4, 5), 8, 1.0, 6),
                Arguments.of(Activation.TANH, List.of(3), 7, 0.5, 5),
                Arguments.of(Activation.LEAKY_RELU, List.of(2, 3, 2), 11, 2.0, 3),
                Arguments.of(Activation.ELU, List.of(3, 2), 9, 1.0, 4),
                Arguments.of(Activation.SIGMOID, List.of(2), 6, 1.0, 2),
                Arguments.of(Activation.IDENTITY, List.of(2, 2), 5, 1.0, 3));
    }

    private static Map<String, INDArray> params(NetSpec spec, int d, SplittableRandom rng) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        DeepNet.initialState(spec, d, false, rng).forEach((k, v) -> {
            if (k.startsWith("conv")) {
                out.put(k, Nd4j.create(v.clone(), DeepNet.shapes(spec, d, false).get(k), 'c'));
            }
        });
        return out;
    }

    /** Gaussian pixels with the left half of every image zero, so that pooling windows hold ties. */
    private static float[] images(int n, int side, SplittableRandom rng) {
        float[] x = new float[n * side * side];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % side) < side / 2 ? 0f : (float) rng.nextGaussian();
        }
        return x;
    }

    private static float[] gaussian(int len, SplittableRandom rng) {
        float[] g = new float[len];
        for (int i = 0; i < len; i++) {
            g[i] = (float) rng.nextGaussian();
        }
        return g;
    }

    private static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.max(1, scale), what + "[" + i + "]");
        }
    }

    @ParameterizedTest
    @MethodSource("fronts")
    void matchesReferencePass(Activation act, List<Integer> channels, int side, double scale, int n) {
        NetSpec spec = new NetSpec(NetKind.CNN, List.of(4), 3, act, false, 0, true, channels, scale);
        SplittableRandom rng = new SplittableRandom(5);
        Map<String, INDArray> p = params(spec, side * side, rng);
        ConvFront fast = new ConvFront(spec, p, side * side);
        ReferenceConvFront ref = new ReferenceConvFront(spec, p, side * side);
        assertEquals(ref.outputWidth(), fast.outputWidth());
        float[] x = images(n, side, rng);
        assertClose(ref.forward(x, n, 0), fast.forward(x, n, 0), 1e-5, "output");
        assertClose(ref.infer(x, n), fast.infer(x, n), 1e-5, "inference");
        float[] g = gaussian(n * fast.outputWidth(), rng);
        // the inference above reused the training buffers: the gradient call must recompute the pass
        fast.forward(x, n, 0);
        Map<String, float[]> expected = ref.backward(g);
        Map<String, float[]> actual = fast.backward(g);
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertClose(v, actual.get(k), 2e-5, k));
    }

    @Test
    void gradientAfterInferenceUsesTheTrainingPass() {
        NetSpec spec = new NetSpec(NetKind.CNN, List.of(4), 3, Activation.TANH, false, 0, true, List.of(3, 2), 1.0);
        SplittableRandom rng = new SplittableRandom(8);
        Map<String, INDArray> p = params(spec, 64, rng);
        ConvFront fast = new ConvFront(spec, p, 64);
        ReferenceConvFront ref = new ReferenceConvFront(spec, p, 64);
        float[] x = images(4, 8, rng);
        float[] other = gaussian(4 * 64, rng);
        float[] g = gaussian(4 * fast.outputWidth(), rng);
        fast.forward(x, 4, 0);
        fast.infer(other, 4);
        fast.forward(x, 4, 0);
        ref.forward(x, 4, 0);
        Map<String, float[]> expected = ref.backward(g);
        fast.backward(g).forEach((k, v) -> assertClose(expected.get(k), v, 2e-5, k));
        // a second backward of the same pass after the buffers were overwritten by gradients
        fast.forward(x, 4, 0);
        fast.backward(g).forEach((k, v) -> assertClose(expected.get(k), v, 2e-5, k));
    }

    @Test
    void seesParametersWrittenInPlace() {
        NetSpec spec = new NetSpec(NetKind.CNN, List.of(4), 3, Activation.RELU, false, 0, true, List.of(2, 3), 1.0);
        SplittableRandom rng = new SplittableRandom(9);
        Map<String, INDArray> p = params(spec, 36, rng);
        ConvFront fast = new ConvFront(spec, p, 36);
        float[] x = gaussian(3 * 36, rng);
        float[] before = fast.infer(x, 3);
        for (String k : List.of("conv0_W", "conv1_W")) {
            // as DeepNet.set does: overwrite the native memory of the parameter array
            p.get(k).data().asNioFloat().put(gaussian((int) p.get(k).length(), rng));
        }
        float[] after = fast.infer(x, 3);
        assertClose(new ReferenceConvFront(spec, p, 36).infer(x, 3), after, 1e-5, "after update");
        assertTrue(Math.abs(after[0] - before[0]) + Math.abs(after[5] - before[5]) > 1e-3);
    }

    @Test
    void inferenceInBlocksMatchesOnePass() {
        NetSpec spec = new NetSpec(NetKind.CNN, List.of(4), 3, Activation.RELU, false, 0, true, List.of(2), 1.0);
        SplittableRandom rng = new SplittableRandom(10);
        Map<String, INDArray> p = params(spec, 16, rng);
        int n = ConvFront.BLOCK + 7;
        float[] x = gaussian(n * 16, rng);
        assertArrayEquals(new ReferenceConvFront(spec, p, 16).infer(x, n), new ConvFront(spec, p, 16).infer(x, n), 1e-5f);
    }

    /**
     * Central differences of L = Σ output ⊙ G for every conv weight and bias, float32: step 1e-3 on
     * smooth activations, tolerance 2e-3 relative to the largest gradient (rounding of L in float32 is
     * about 1e-7·|L| / step).
     */
    @ParameterizedTest
    @MethodSource("smooth")
    void backwardMatchesFiniteDifferences(Activation act, List<Integer> channels, int side) {
        NetSpec spec = new NetSpec(NetKind.CNN, List.of(4), 3, act, false, 0, true, channels, 1.0);
        SplittableRandom rng = new SplittableRandom(12);
        int n = 3;
        Map<String, INDArray> p = params(spec, side * side, rng);
        ConvFront front = new ConvFront(spec, p, side * side);
        float[] x = gaussian(n * side * side, rng);
        float[] g = gaussian(n * front.outputWidth(), rng);
        front.forward(x, n, 0);
        Map<String, float[]> analytic = front.backward(g);
        double h = 1e-3;
        double base = dot(front.infer(x, n), g);
        int checked = 0;
        int total = 0;
        for (Map.Entry<String, float[]> e : analytic.entrySet()) {
            INDArray a = p.get(e.getKey());
            float[] grad = e.getValue();
            double max = 0;
            for (float v : grad) {
                max = Math.max(max, Math.abs(v));
            }
            for (int i = 0; i < grad.length; i++) {
                float v = a.getFloat(i);
                a.putScalar(i, v + h);
                double up = dot(front.infer(x, n), g);
                a.putScalar(i, v - h);
                double down = dot(front.infer(x, n), g);
                a.putScalar(i, v);
                total++;
                // a pooling window whose maximum changes hands inside ±h makes the one-sided slopes disagree: no derivative there
                if (Math.abs((up - base) - (base - down)) / h > 1e-2 * Math.max(1, max)) {
                    continue;
                }
                checked++;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, grad[i], 2e-3 * Math.max(1, max), e.getKey() + "[" + i + "]");
            }
        }
        assertTrue(checked >= 0.8 * total, checked + " of " + total + " coordinates away from pooling kinks");
    }

    static Stream<Arguments> smooth() {
        return Stream.of(Arguments.of(Activation.TANH, List.of(2, 3), 8), Arguments.of(Activation.SIGMOID, List.of(3), 5),
                Arguments.of(Activation.IDENTITY, List.of(2, 2), 6));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
