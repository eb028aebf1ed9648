package org.metriclab.deep.crossmodal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metriclab.deep.Activation;
import org.metriclab.deep.NetKind;
import org.metriclab.deep.NetSpec;
import org.metriclab.deep.dl4j.DeepNet;
import org.metriclab.deep.loss.LossOutput;
import org.metriclab.deep.loss.Tuples;
import org.junit.jupiter.api.Test;

/**
 * The cross-modal loss: its tuples cross modalities in both directions, its gradient w.r.t. both
 * modalities' embeddings matches central finite differences in float64, and the chain through both
 * towers (float32 networks) matches finite differences of the loss in every tower parameter.
 */
class CrossModalLossTest {
    private static final int[] LABELS = {0, 1, 0, 2, 1, 2, 0};

    @Test
    void everyTupleCrossesModalitiesInBothDirections() {
        CrossModalPairs cross = new CrossModalPairs(LABELS);
        int n = LABELS.length;
        int[] y = cross.stackedLabels();
        Tuples.Pairs pr = cross.pairs();
        assertEquals(2 * 17, pr.a1().length, "positive pairs: 2 × Σ class size², 3² + 2² + 2²");
        assertEquals(2 * (n * n - 17), pr.a2().length);
        for (int k = 0; k < pr.a1().length; k++) {
            assertTrue(pr.a1()[k] < n != pr.p()[k] < n && y[pr.a1()[k]] == y[pr.p()[k]]);
        }
        for (int k = 0; k < pr.a2().length; k++) {
            assertTrue(pr.a2()[k] < n != pr.n()[k] < n && y[pr.a2()[k]] != y[pr.n()[k]]);
        }
        Tuples.Triplets t = cross.triplets();
        int fromA = 0;
        for (int k = 0; k < t.size(); k++) {
            boolean anchorA = t.a()[k] < n;
            fromA += anchorA ? 1 : 0;
            assertTrue(anchorA != t.p()[k] < n && anchorA != t.n()[k] < n);
            assertTrue(y[t.a()[k]] == y[t.p()[k]] && y[t.a()[k]] != y[t.n()[k]]);
        }
        assertEquals(t.size() / 2, fromA, "as many A→B triplets as B→A");
        assertEquals(2 * (3 * 3 * 4 + 2 * 2 * 5 + 2 * 2 * 5), t.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"contrastive", "triplet_margin"})
    void gradientWithRespectToBothModalitiesMatchesFiniteDifferences(String name) {
        CrossModalLoss loss = CrossModalLoss.of(name, Map.of());
        int n = LABELS.length;
        int d = 3;
        SplittableRandom r = new SplittableRandom(5);
        double[] a = gaussian(n * d, r);
        double[] b = gaussian(n * d, r);
        LossOutput out = loss.evaluate(a, b, n, d, LABELS);
        assertTrue(out.value() > 0);
        double h = 1e-6;
        for (int k = 0; k < 2 * n * d; k++) {
            double[] v = k < n * d ? a : b;
            int i = k % (n * d);
            double keep = v[i];
            v[i] = keep + h;
            double up = loss.evaluate(a, b, n, d, LABELS).value();
            v[i] = keep - h;
            double down = loss.evaluate(a, b, n, d, LABELS).value();
            v[i] = keep;
            double fd = (up - down) / (2 * h);
            assertEquals(fd, out.gradEmbeddings()[k], 1e-7 + 1e-6 * Math.abs(fd), name + " entry " + k);
        }
    }

    /** Margins large enough that every pair and triplet stays active, so the loss is smooth for finite differences. */
    @ParameterizedTest
    @ValueSource(strings = {"contrastive", "triplet_margin"})
    void gradientThroughBothTowersMatchesFiniteDifferences(String name) {
        CrossModalLoss loss = CrossModalLoss.of(name, name.equals("contrastive") ? Map.of("neg_margin", 2.5) : Map.of("margin", 3.0));
        NetSpec spec = new NetSpec(NetKind.MLP, List.of(6), 4, Activation.TANH, false, 0, true, List.of(), 1);
        int n = LABELS.length;
        SplittableRandom r = new SplittableRandom(9);
        float[] xa = floats(gaussian(n * 5, r));
        float[] xb = floats(gaussian(n * 3, r));
        DeepNet ta = new DeepNet(spec, 5, false, DeepNet.initialState(spec, 5, false, r));
        DeepNet tb = new DeepNet(spec, 3, false, DeepNet.initialState(spec, 3, false, r));
        float[][] none = new float[0][];
        LossOutput out = loss.evaluate(out(ta, xa, n), out(tb, xb, n), n, 4, LABELS);
        float[] g = floats(out.gradEmbeddings());
        Map<String, float[]> ga = ta.gradients(xa, n, none, java.util.Arrays.copyOfRange(g, 0, n * 4));
        Map<String, float[]> gb = tb.gradients(xb, n, none, java.util.Arrays.copyOfRange(g, n * 4, 2 * n * 4));
        int checked = 0;
        for (DeepNet tower : List.of(ta, tb)) {
            Map<String, float[]> grads = tower == ta ? ga : gb;
            LinkedHashMap<String, float[]> state = tower.state();
            for (Map.Entry<String, float[]> p : grads.entrySet()) {
                float[] w = state.get(p.getKey()).clone();
                for (int i = 0; i < w.length; i++) {
                    float keep = w[i];
                    double h = 3e-3;
                    w[i] = (float) (keep + h);
                    tower.set(p.getKey(), w);
                    double up = loss.evaluate(out(ta, xa, n), out(tb, xb, n), n, 4, LABELS).value();
                    w[i] = (float) (keep - h);
                    tower.set(p.getKey(), w);
                    double down = loss.evaluate(out(ta, xa, n), out(tb, xb, n), n, 4, LABELS).value();
                    w[i] = keep;
                    tower.set(p.getKey(), w);
                    double fd = (up - down) / ((double) (float) (keep + h) - (float) (keep - h));
                    double an = p.getValue()[i];
                    assertEquals(fd, an, 3e-4 + 2e-2 * Math.abs(fd), name + " tower " + (tower == ta ? "A " : "B ") + p.getKey() + "[" + i + "]");
                    checked++;
                }
            }
        }
        assertEquals(2 * (6 + 6 * 4 + 4) + 5 * 6 + 3 * 6, checked, "every weight and bias of both towers");
    }

    private static double[] out(DeepNet net, float[] x, int n) {
        float[] o = net.forward(x, n, new float[0][]).get("output");
        double[] d = new double[o.length];
        for (int i = 0; i < o.length; i++) {
            d[i] = o[i];
        }
        return d;
    }

    private static double[] gaussian(int count, SplittableRandom r) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
