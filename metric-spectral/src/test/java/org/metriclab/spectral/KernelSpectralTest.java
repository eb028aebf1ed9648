package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Vectors;
import org.metriclab.core.persist.MetricCodecs;

/**
 * Kernel spectral learners: with the linear kernel they reproduce their linear method's distances
 * (in and out of sample), trace_spectral's coefficients satisfy TᵀK̃T = I against a brute-force
 * centred kernel, Nyström landmarks still separate concentric rings, and models persist.
 */
class KernelSpectralTest {
    private static final Learners CATALOG = Learners.of(java.util.List.of(new SpectralCatalog()));

    private static String linearName(KernelizedMethod m) {
        return m.key().substring("kernel_".length());
    }

    @ParameterizedTest
    @EnumSource(KernelizedMethod.class)
    void linearKernelReproducesTheLinearMethodsDistances(KernelizedMethod method) {
        Dataset train = Fixtures.gaussians(5, 30, 3, 4, 2.0);
        Dataset unseen = Fixtures.gaussians(6, 5, 3, 4, 2.0);
        MetricLearner<?> kernel = CATALOG.create(method.key(), Params.of(Map.of("kernel", "linear")));
        MetricLearner<?> linear = CATALOG.create(linearName(method), Params.empty());
        LearnedMetric k = kernel.fit(train, FitContext.seeded(3));
        LearnedMetric l = linear.fit(train, FitContext.seeded(3));
        assertEquals(l.outputDim(), k.outputDim(), method + ": output dimension");
        Matrix all = Matrix.of(concat(train.x().toRows(), unseen.x().toRows()));
        double scale = 0;
        for (int i = 0; i < all.rows(); i++) {
            scale = Math.max(scale, l.between(all.row(0), all.row(i)));
        }
        for (int i = 0; i < all.rows(); i += 3) {
            for (int j = i + 1; j < all.rows(); j += 7) {
                double expected = l.between(all.row(i), all.row(j));
                assertEquals(expected, k.between(all.row(i), all.row(j)), 1e-7 * scale, method + ": d(" + i + ", " + j + ")");
            }
        }
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void traceSpectralCoefficientsAreOrthonormalUnderTheCentredKernel() {
        Dataset train = KernelFdaTest.rings(7, 80);
        double gamma = 0.4;
        KernelMetric m = (KernelMetric) CATALOG.create("kernel_trace_spectral", Params.of(Map.of("gamma", gamma, "dims", 3)))
                .fit(train, FitContext.seeded(2));
        int n = train.size();
        double[][] k = new double[n][n];
        double[] rowMean = new double[n];
        double all = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i][j] = Math.exp(-gamma * Vectors.squaredDistance(train.x().row(i), train.x().row(j)));
                rowMean[i] += k[i][j] / n;
                all += k[i][j] / n / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i][j] += all - rowMean[i] - rowMean[j];
            }
        }
        Matrix t = m.coefficients();
        assertEquals(3, t.cols());
        Matrix tkt = t.transpose().times(Matrix.of(k)).times(t);
        assertTrue(tkt.maxAbsDifference(Matrix.identity(3)) < 1e-8, "TᵀK̃T = I: " + tkt);
        assertTrue(m.embed(train.x()).maxAbsDifference(Matrix.of(k).times(t)) < 1e-9,
                "a training row embeds as its centred kernel column times T");
    }

    @Test
    void nystromLandmarksSeparateConcentricRingsInOneDimensionWhereLinearDcaCannot() {
        Dataset train = KernelFdaTest.rings(1, 300);
        Dataset test = KernelFdaTest.rings(2, 200);
        KernelMetric nystrom = (KernelMetric) CATALOG.create("kernel_dca", Params.of(Map.of("landmarks", 60, "components", 20, "dims", 1)))
                .fit(train, FitContext.seeded(0));
        assertEquals(60, nystrom.points().rows(), "the model keeps only the landmark rows");
        LearnedMetric linear = CATALOG.create("dca", Params.of(Map.of("dims", 1))).fit(train, FitContext.seeded(0));
        assertTrue(accuracy(nystrom, train, test) > 0.95, "kernel DCA with 60 landmarks, 1-NN " + accuracy(nystrom, train, test));
        assertTrue(accuracy(linear, train, test) < 0.8, "linear DCA 1-NN " + accuracy(linear, train, test));
        LearnedMetric rca = CATALOG.create("kernel_rca", Params.of(Map.of("landmarks", 60, "components", 20, "dims", 1)))
                .fit(train, FitContext.seeded(0));
        assertTrue(accuracy(rca, train, test) > 0.95, "kernel RCA with 60 landmarks, 1-NN " + accuracy(rca, train, test));
    }

    @Test
    void allRowsAsLandmarksIsTheExactMapAndTheSeedPicksTheLandmarks() {
        Dataset train = KernelFdaTest.rings(3, 50);
        Params exact = Params.of(Map.of("landmarks", 50));
        Params more = Params.of(Map.of("landmarks", 500));
        KernelMetric a = (KernelMetric) CATALOG.create("kernel_dca", exact).fit(train, FitContext.seeded(1));
        KernelMetric b = (KernelMetric) CATALOG.create("kernel_dca", more).fit(train, FitContext.seeded(1));
        assertEquals(a.embed(train.x()), b.embed(train.x()), "landmarks >= n uses every row");
        Params few = Params.of(Map.of("landmarks", 20));
        KernelMetric c = (KernelMetric) CATALOG.create("kernel_dca", few).fit(train, FitContext.seeded(1));
        KernelMetric d = (KernelMetric) CATALOG.create("kernel_dca", few).fit(train, FitContext.seeded(2));
        assertTrue(!c.points().equals(d.points()), "another seed draws other landmarks");
    }

    @Test
    void kernelRcaKeepsNoMoreComponentsThanTheChunkletsSupportAndSaysSo() {
        Dataset train = Fixtures.gaussians(8, 20, 3, 3, 2.0);
        java.util.List<String> warnings = new java.util.ArrayList<>();
        Progress listener = new Progress() {
            @Override
            public void iteration(int iteration, double objective) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
        LearnedMetric m = CATALOG.create("kernel_rca", Params.of(Map.of("chunks", 10, "components", 40)))
                .fit(train, new FitContext(0, listener));
        assertEquals(10, m.outputDim(), "ten chunklets of two give ten within-chunklet degrees of freedom");
        assertTrue(m.embed(train.x()).isFinite());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("support 10 of 40")), warnings.toString());
    }

    @Test
    void modelsRoundTripAndBadParametersNameThemselves() {
        Dataset train = KernelFdaTest.rings(4, 60);
        KernelMetric m = (KernelMetric) CATALOG.create("kernel_rca", Params.of(Map.of("kernel", "polynomial", "degree", 2)))
                .fit(train, FitContext.seeded(0));
        MetricCodecs codecs = MetricCodecs.load();
        LearnedMetric back = codecs.decode(codecs.encode(m));
        Dataset unseen = KernelFdaTest.rings(5, 10);
        assertEquals(m.embed(unseen.x()), back.embed(unseen.x()), "decoded model embeds identically");
        for (Map<String, Object> bad : java.util.List.<Map<String, Object>>of(Map.of("components", 0), Map.of("landmarks", 1),
                Map.of("gamma", -1.0), Map.of("degree", 0))) {
            String key = bad.keySet().iterator().next();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CATALOG.create("kernel_margin_spectral", Params.of(bad)));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }

    private static double accuracy(LearnedMetric m, Dataset train, Dataset test) {
        return SharedProtocol.knnAccuracy(m.embed(train.x()), train.labels().toArray(), m.embed(test.x()), test.labels().toArray(), 1);
    }
}
