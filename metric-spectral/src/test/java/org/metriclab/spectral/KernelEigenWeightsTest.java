package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodecs;

/** Eigenvector weights of the kernel: the QP against brute force and KKT, the kernel PCA limit, and the fitted learner. */
class KernelEigenWeightsTest {
    private static final Learners CATALOG = Learners.of(List.of(new SpectralCatalog()));

    /**
     * Three weights, the equality leaving two free: a 1500 × 1500 grid over (w₁, w₂) with w₃ from the
     * constraint finds nothing below the QP's objective, and its best point is within the grid step of w.
     * The KKT conditions hold with one multiplier ν: c_k + η(w_k − 1) = ν s_k where w_k > 0, c_k − η ≥ ν s_k where w_k = 0.
     */
    @Test
    void qpSolutionBeatsABruteForceGridAndMeetsKkt() {
        double[][] cs = {{0.3, -0.8, 0.1}, {2.5, -0.5, -0.2}, {-1.0, -1.0, 4.0}};
        double[] s = {2.0, 1.0, 0.5};
        for (double[] c : cs) {
            for (double eta : new double[] {0.5, 2.0}) {
                EigenWeightsQp qp = new EigenWeightsQp(c, s, eta);
                double[] w = qp.solve();
                double target = s[0] + s[1] + s[2];
                assertEquals(target, s[0] * w[0] + s[1] * w[1] + s[2] * w[2], 1e-12, "equality");
                assertTrue(Arrays.stream(w).allMatch(v -> v >= 0), "w ≥ 0");
                double best = Double.MAX_VALUE;
                double[] arg = null;
                int steps = 1500;
                for (int i = 0; i <= steps; i++) {
                    for (int j = 0; j <= steps; j++) {
                        double w0 = target / s[0] * i / steps;
                        double w1 = target / s[1] * j / steps;
                        double w2 = (target - s[0] * w0 - s[1] * w1) / s[2];
                        if (w2 < 0) {
                            continue;
                        }
                        double f = qp.objective(new double[] {w0, w1, w2});
                        if (f < best) {
                            best = f;
                            arg = new double[] {w0, w1, w2};
                        }
                    }
                }
                assertTrue(qp.objective(w) <= best + 1e-12, Arrays.toString(c) + ": QP " + qp.objective(w) + " vs grid " + best);
                for (int k = 0; k < 3; k++) {
                    assertEquals(w[k], arg[k], 0.02 * target / s[k], "grid argmin, weight " + k);
                }
                int free = w[0] > 0 ? 0 : w[1] > 0 ? 1 : 2;
                double nu = (c[free] + eta * (w[free] - 1)) / s[free];
                for (int k = 0; k < 3; k++) {
                    if (w[k] > 0) {
                        assertEquals(nu * s[k], c[k] + eta * (w[k] - 1), 1e-10, "stationarity, weight " + k);
                    } else {
                        assertTrue(c[k] - eta >= nu * s[k] - 1e-10, "dual feasibility, weight " + k);
                    }
                }
            }
        }
    }

    /** All weights 1 is kernel PCA; a dominant eta drives the QP there and the model embeds as the kernel PCA map. */
    @Test
    void equalWeightsAreKernelPcaCoordinates() {
        Dataset train = KernelFdaTest.rings(6, 60);
        KernelEigenWeightsLearner strong = KernelEigenWeightsLearner.from(Params.of(Map.of("eta", 1e9, "components", 10)));
        KernelMetric map = strong.featureMap(train.x(), FitContext.seeded(0));
        double[] ones = new double[map.outputDim()];
        Arrays.fill(ones, 1.0);
        assertEquals(map.embed(train.x()), KernelEigenWeightsLearner.weighted(map, ones).embed(train.x()), "w = 1 is the kernel PCA map");
        KernelMetric fitted = strong.fit(train, FitContext.seeded(0));
        assertTrue(fitted.embed(train.x()).maxAbsDifference(map.embed(train.x())) < 1e-6, "eta → ∞ gives kernel PCA coordinates");
    }

    /**
     * w = 1 is feasible, so the optimum's pair cost Σ_k c_k w_k is no larger than kernel PCA's: similar
     * pairs shrink relative to dissimilar ones. On concentric rings the weighted map separates the rings.
     */
    @Test
    void weightsImproveThePairCostAndSeparateRings() {
        Dataset train = KernelFdaTest.rings(1, 300);
        Dataset test = KernelFdaTest.rings(2, 200);
        KernelEigenWeightsLearner learner = KernelEigenWeightsLearner.from(Params.of(Map.of("components", 20, "landmarks", 80)));
        KernelMetric map = learner.featureMap(train.x(), FitContext.seeded(0));
        Pairs pairs = new RandomPairs(0).sample(train, new SplittableRandom(3));
        EigenWeightsQp qp = learner.qp(map.embed(train.x()), pairs);
        double[] w = qp.solve();
        double costW = 0;
        double costOne = 0;
        for (int k = 0; k < w.length; k++) {
            costW += qp.c()[k] * w[k];
            costOne += qp.c()[k];
        }
        assertTrue(costW < costOne, "pair cost " + costW + " < kernel PCA's " + costOne);
        assertTrue(Arrays.stream(w).anyMatch(v -> v == 0), "some components are switched off: " + Arrays.toString(w));
        KernelMetric m = learner.fit(train, FitContext.seeded(0));
        double acc = SharedProtocol.knnAccuracy(m.embed(train.x()), train.labels().toArray(), m.embed(test.x()), test.labels().toArray(), 1);
        assertTrue(acc > 0.95, "1-NN on rings " + acc);
    }

    @Test
    void modelsRoundTripAndBadParametersNameThemselves() {
        Dataset train = KernelFdaTest.rings(4, 60);
        LearnedMetric m = CATALOG.create("kernel_eigen_weights", Params.of(Map.of("kernel", "polynomial", "degree", 2))).fit(train,
                FitContext.seeded(0));
        MetricCodecs codecs = MetricCodecs.load();
        Dataset unseen = KernelFdaTest.rings(5, 10);
        Matrix back = codecs.decode(codecs.encode(m)).embed(unseen.x());
        assertEquals(m.embed(unseen.x()), back, "decoded model embeds identically");
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("components", 0), Map.of("landmarks", 1), Map.of("eta", 0.0),
                Map.of("dissimilar_weight", -1.0), Map.of("constraints", -2), Map.of("gamma", -1.0))) {
            String key = bad.keySet().iterator().next();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CATALOG.create("kernel_eigen_weights", Params.of(bad)));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }
}
