package org.metriclab.deep.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** deep_fda and deep_lda: closed forms on hand-sized batches, finite differences with non-default parameters, edge cases. */
class DiscriminantLossTest {
    private static final int N = LossGradientTest.N;
    private static final int D = LossGradientTest.D;

    @Test
    void fdaTracesFollowTheirDefinitions() {
        // 1-D: classes {0, 1} and {3, 5}; means 0.5 and 4, overall 2.25
        double[] x = {0, 1, 3, 5};
        int[] y = {7, 7, 2, 2};
        double[] t = DeepFdaLoss.traces(x, 4, 1, y);
        assertEquals((0.25 + 0.25 + 1 + 1) / 4, t[0], 1e-15, "within: mean squared distance to the class mean");
        assertEquals((2 * 1.75 * 1.75 + 2 * 1.75 * 1.75) / 4, t[1], 1e-15, "between: size-weighted squared distance of the means");
        LossOutput ratio = Losses.loss("deep_fda", Map.of("normalize", false)).evaluate(new LossBatch(x, 4, 1, y, null, null));
        assertEquals(t[0] / t[1], ratio.value(), 1e-15);
        LossOutput diff = Losses.loss("deep_fda", Map.of("normalize", false, "form", "difference", "lambda", 0.5))
                .evaluate(new LossBatch(x, 4, 1, y, null, null));
        assertEquals(t[0] - 0.5 * t[1], diff.value(), 1e-15);
        // total scatter splits into within and between (random 5-D batch)
        double[] z = LossGradientTest.randomBlock(N, 3);
        double[] s = DeepFdaLoss.traces(z, N, D, LossGradientTest.labels());
        double[] mean = new double[D];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < D; k++) {
                mean[k] += z[i * D + k] / N;
            }
        }
        double total = 0;
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < D; k++) {
                total += (z[i * D + k] - mean[k]) * (z[i * D + k] - mean[k]) / N;
            }
        }
        assertEquals(total, s[0] + s[1], 1e-12);
    }

    @Test
    void ldaMatchesTheScalarAndTwoByTwoClosedForms() {
        // 1-D: S_t = 14.75/3, S_w = (0.5 + 2)/2, S_b = S_t − S_w, λ = S_b/(S_w + r)
        double[] x = {0, 1, 3, 5};
        int[] y = {0, 0, 1, 1};
        double sb = 14.75 / 3 - 1.25;
        LossOutput one = Losses.loss("deep_lda", Map.of()).evaluate(new LossBatch(x, 4, 1, y, null, null));
        assertEquals(-sb / (1.25 + 1e-3), one.value(), 1e-12);
        // 2-D, two classes: one discriminant eigenvalue, the larger root of det(S_b − λB) = 0, B = S_w + rI
        double[] x2 = {0, 0, 1, 2, 2, 1, 4, 3, 5, 5, 6, 3};
        int[] y2 = {0, 0, 0, 1, 1, 1};
        double[][] st = new double[2][2];
        double[][] sw = new double[2][2];
        double[] m = {3, 14.0 / 6};
        double[][] mc = {{1, 1}, {5, 11.0 / 3}};
        for (int i = 0; i < 6; i++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    st[a][b] += (x2[2 * i + a] - m[a]) * (x2[2 * i + b] - m[b]) / 5;
                    sw[a][b] += (x2[2 * i + a] - mc[y2[i]][a]) * (x2[2 * i + b] - mc[y2[i]][b]) / (2 * 2);
                }
            }
        }
        double r = 0.01;
        double[][] bm = {{sw[0][0] + r, sw[0][1]}, {sw[1][0], sw[1][1] + r}};
        double[][] sbm = {{st[0][0] - sw[0][0], st[0][1] - sw[0][1]}, {st[1][0] - sw[1][0], st[1][1] - sw[1][1]}};
        // det(S_b − λB) = aλ² + bλ + c
        double qa = bm[0][0] * bm[1][1] - bm[0][1] * bm[1][0];
        double qb = -(sbm[0][0] * bm[1][1] + sbm[1][1] * bm[0][0] - sbm[0][1] * bm[1][0] - sbm[1][0] * bm[0][1]);
        double qc = sbm[0][0] * sbm[1][1] - sbm[0][1] * sbm[1][0];
        double top = (-qb + Math.sqrt(qb * qb - 4 * qa * qc)) / (2 * qa);
        LossOutput two = Losses.loss("deep_lda", Map.of("r", r)).evaluate(new LossBatch(x2, 6, 2, y2, null, null));
        assertEquals(-top, two.value(), 1e-9 * top);
    }

    @Test
    void gradientsMatchFiniteDifferencesWithOtherSettings() {
        int[] y = LossGradientTest.labels();
        for (Map<String, Object> p : new Map[] {Map.of("form", "difference", "lambda", 2.0), Map.of("normalize", false),
                Map.of("form", "difference", "normalize", false, "lambda", 0.3)}) {
            check(Losses.loss("deep_fda", p), y);
        }
        // epsilon 0: only the smallest discriminant eigenvalue; 100: all C−1 of them; normalised rows; a larger ridge
        for (Map<String, Object> p : new Map[] {Map.of("epsilon", 0.0), Map.of("epsilon", 100.0), Map.of("normalize", true),
                Map.of("r", 0.5)}) {
            check(Losses.loss("deep_lda", p), y);
        }
    }

    private static void check(MetricLoss loss, int[] y) {
        double[] x = LossGradientTest.randomBlock(N, 21);
        LossOutput out = loss.evaluate(new LossBatch(x, N, D, y, null, null));
        assertTrue(Double.isFinite(out.value()) && out.value() != 0, loss.params() + " value " + out.value());
        MoreLossesTest.checkGradient(loss, x, null, y, null, out.gradEmbeddings(), true);
    }

    @Test
    void edgeCasesAreZeroOrOneLineErrors() {
        double[] x = LossGradientTest.randomBlock(N, 2);
        for (String name : new String[] {"deep_fda", "deep_lda"}) {
            LossOutput one = Losses.loss(name, Map.of()).evaluate(new LossBatch(x, N, D, new int[N], null, null));
            assertEquals(0.0, one.value(), name + ": one class, nothing to separate");
            assertEquals(0.0, LossOutput.norm(one.gradEmbeddings()));
        }
        int[] singleton = LossGradientTest.labels();
        singleton[0] = 9;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.loss("deep_lda", Map.of()).evaluate(new LossBatch(x, N, D, singleton, null, null)));
        assertTrue(e.getMessage().contains("use sampler m_per_class with m >= 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.loss("deep_lda", Map.of("r", 0)));
        assertTrue(e.getMessage().contains("must be a finite value > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.loss("deep_fda", Map.of("form", "sum")));
        assertTrue(e.getMessage().contains("ratio, difference"), e.getMessage());
    }
}
