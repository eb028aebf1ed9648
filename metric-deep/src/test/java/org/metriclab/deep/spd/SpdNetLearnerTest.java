package org.metriclab.deep.spd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodecs;
import org.metriclab.eval.RetrievalEvaluator;

/**
 * The QR retraction keeps the BiMap weights on the Stiefel manifold; the covariance descriptors match
 * hand-worked values; a short training on a small covariance dataset improves MAP@R over the untrained
 * network; the model round-trips through its codec; bad settings fail in one line naming the parameter.
 */
class SpdNetLearnerTest {
    @Test
    void qrRetractionKeepsWeightsOrthonormal() {
        SplittableRandom r = new SplittableRandom(7);
        BiMap b = BiMap.random(9, 4, r);
        for (int step = 0; step < 200; step++) {
            double[] g = new double[36];
            for (int i = 0; i < g.length; i++) {
                g[i] = 10 * r.nextGaussian();
            }
            b = b.step(Matrix.of(9, 4, g), 0.05);
            assertTrue(b.stiefelError() <= 1e-10, "step " + step + ": max |WᵀW − I| = " + b.stiefelError());
        }
        Matrix tangent = b.riemannianGradient(Matrix.of(9, 4, new SplittableRandom(8).doubles(36).toArray()));
        Matrix sym = b.w().transpose().times(tangent);
        assertEquals(0, sym.plus(sym.transpose()).frobeniusNorm(), 1e-12, "WᵀΓ is skew-symmetric for a tangent vector Γ");
    }

    @Test
    void regionCovarianceOfAConstantImageHasOnlyCoordinateVariance() {
        Matrix c = new RegionCovariance(1e-3).describe(new double[] {5, 5, 5, 5, 5, 5, 5, 5, 5});
        double ridge = 1e-3 * ((0.1875 + 0.1875) / 7 + 1e-12);
        assertEquals(0.1875 + ridge, c.get(0, 0), 1e-15, "x in {0, ½, 1} on a 3×3 grid: Σ(x − ½)² / 8");
        assertEquals(0.1875 + ridge, c.get(1, 1), 1e-15);
        assertEquals(ridge, c.get(2, 2), 1e-18);
        assertEquals(0, c.get(0, 1), 1e-15);
        Matrix blocks = new BlockCovariance(3, 1e-3).describe(new double[] {1, 2, 3, 6, 5, 10});
        double tr = (4 + 16) / 2.0;
        assertEquals(4 + 1e-3 * (tr + 1e-12), blocks.get(0, 0), 1e-12, "first feature 1, 3, 5: variance 4");
        assertEquals(8, blocks.get(0, 1), 1e-12, "covariance of (1, 3, 5) and (2, 6, 10)");
    }

    @Test
    void gaussianEmbeddingIsPositiveDefiniteAndHoldsTheRow() {
        double[] x = {3, -1, 0.5};
        Matrix g = new GaussianEmbedding(1e-3).describe(x);
        assertEquals(4, g.rows());
        assertEquals(9 + 1e-3, g.get(0, 0), 1e-15);
        assertEquals(-3, g.get(0, 1), 1e-15);
        assertEquals(-1, g.get(3, 1), 0);
        assertEquals(1, g.get(3, 3), 0);
        double[] eig = org.metriclab.core.linalg.Eigen.symmetric(g).values();
        double product = 1;
        for (double l : eig) {
            assertTrue(l > 0, "positive definite: " + java.util.Arrays.toString(eig));
            product *= l;
        }
        assertEquals(1e-9, product, 1e-15, "det = det(ridge·I) by the Schur complement");
    }

    @Test
    void shortTrainingImprovesMapAtROverTheUntrainedNetwork() {
        Dataset train = covariances(40, 1);
        Dataset test = covariances(20, 2);
        SpdMetric untrained = learner(Map.of("epochs", 1, "lr", 1e-12)).fit(train, FitContext.seeded(0));
        SpdMetric trained = learner(Map.of()).fit(train, FitContext.seeded(0));
        double before = mapAtR(untrained, test);
        double after = mapAtR(trained, test);
        assertTrue(after > before + 0.25, "MAP@R untrained " + before + ", trained " + after);
        MetricCodecs codecs = MetricCodecs.load();
        SpdMetric back = (SpdMetric) codecs.decode(codecs.encode(trained));
        assertEquals(0, back.embed(test.x()).maxAbsDifference(trained.embed(test.x())), 1e-12);
        for (BiMap b : trained.net().bimaps()) {
            assertTrue(b.stiefelError() <= 1e-10);
        }
    }

    @Test
    void badSettingsFailInOneLineNamingTheParameter() {
        Dataset d = covariances(3, 0);
        String grows = assertThrows(IllegalArgumentException.class, () -> learner(Map.of("bimaps", List.of(4.0, 5.0))).fit(d, FitContext.seeded(0)))
                .getMessage();
        assertTrue(grows.startsWith("bimaps: each BiMap reduces the order") && grows.contains("4 → 5"), grows);
        String region = assertThrows(IllegalArgumentException.class, () -> SpdNetLearner.from(Params.of(Map.of("descriptor", "region")))
                .fit(d, FitContext.seeded(0))).getMessage();
        assertTrue(region.startsWith("descriptor: region needs square images"), region);
        String blocks = assertThrows(IllegalArgumentException.class, () -> learner(Map.of("blocks", 7)).fit(d, FitContext.seeded(0))).getMessage();
        assertTrue(blocks.startsWith("blocks 7 does not divide the 72 features"), blocks);
        Dataset huge = new Dataset("huge", Matrix.of(new double[][] {{1e200, 1, 2, 3}, {1, 2, 3, 4}, {2, 1, 0, 1}, {0, 1, 0, 3}}), Labels.of(0, 0, 1, 1));
        String overflow = assertThrows(IllegalArgumentException.class,
                () -> SpdNetLearner.from(Params.of(Map.of("descriptor", "gaussian", "bimaps", List.of(3.0)))).fit(huge, FitContext.seeded(0))).getMessage();
        assertTrue(overflow.startsWith("spd_net: the gaussian descriptor of row 1") && overflow.contains("overflowed); rescale the features"), overflow);
        String loss = assertThrows(IllegalArgumentException.class, () -> learner(Map.of("loss", "proxy_anchor"))).getMessage();
        assertTrue(loss.startsWith("loss: spd_net trains with losses on embeddings alone"), loss);
    }

    private static double mapAtR(SpdMetric m, Dataset test) {
        return RetrievalEvaluator.evaluateSelf(m.embed(test.x()), test.labels(), List.of("mean_average_precision_at_r"), 0)
                .get("mean_average_precision_at_r");
    }

    private static SpdNetLearner learner(Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>(Map.of("descriptor", "blocks", "blocks", 12, "bimaps", List.of(3.0), "embedding_size", 8,
                "epochs", 20, "batch_size", 32, "m", 8, "lr", 0.2));
        p.putAll(extra);
        Params params = Params.of(p);
        SpdNetLearner l = SpdNetLearner.from(params);
        params.requireAllUsed("spd_net");
        return l;
    }

    /**
     * Rows of 12 observations of 6 features (72 columns). Every class draws its observations from a
     * Gaussian whose covariance has a large shared nuisance part (random per row, in 4 of the 6
     * directions) and a class-specific part: the variances in the other 2 directions, which only a
     * learned BiMap can single out.
     */
    static Dataset covariances(int perClass, long seed) {
        int classes = 4;
        int k = 6;
        int obs = 12;
        double[][] classVar = {{1, 1}, {4, 1}, {1, 4}, {4, 4}};
        Matrix rot = BiMap.random(k, k, new SplittableRandom(99)).w();
        SplittableRandom r = new SplittableRandom(seed);
        int n = perClass * classes;
        double[] x = new double[n * obs * k];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            double[] sd = new double[k];
            sd[0] = Math.sqrt(classVar[y[i]][0]);
            sd[1] = Math.sqrt(classVar[y[i]][1]);
            for (int j = 2; j < k; j++) {
                sd[j] = Math.exp(1.5 * r.nextGaussian());
            }
            for (int o = 0; o < obs; o++) {
                double[] z = new double[k];
                for (int j = 0; j < k; j++) {
                    z[j] = sd[j] * r.nextGaussian();
                }
                double[] v = rot.times(z);
                System.arraycopy(v, 0, x, (i * obs + o) * k, k);
            }
        }
        return new Dataset("spd_classes", Matrix.of(n, obs * k, x), Labels.of(y));
    }
}
