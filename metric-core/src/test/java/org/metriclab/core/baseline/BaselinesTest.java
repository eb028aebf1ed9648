package org.metriclab.core.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.DiagonalMetric;
import org.metriclab.core.distance.IdentityMetric;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.linalg.EigenTruncation;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodecs;

class BaselinesTest {
    static Dataset gaussian(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() * (1 + i % d);
        }
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
        }
        return new Dataset("g", Matrix.of(n, d, x), Labels.of(y));
    }

    @Test
    void euclideanOnWideDataIsStoredWithoutAMatrix() {
        Dataset wide = gaussian(3, 10_000, 1);
        LearnedMetric m = new EuclideanLearner().fit(wide, FitContext.seeded(0));
        assertInstanceOf(IdentityMetric.class, m);
        MetricCodecs codecs = MetricCodecs.load();
        Map<String, Object> stored = codecs.encode(m);
        assertEquals(Map.of("kind", "identity", "dim", 10_000), stored, "identity model is its dimension only");
        LearnedMetric back = codecs.decode(stored);
        assertEquals(0.0, back.embed(wide.x()).maxAbsDifference(wide.x()));
    }

    @Test
    void diagonalMetricRoundTripsAndRejectsBadWeights() {
        DiagonalMetric m = new DiagonalMetric(new double[] {2, 0, 0.5});
        MetricCodecs codecs = MetricCodecs.load();
        LearnedMetric back = codecs.decode(codecs.encode(m));
        assertEquals(m, back);
        assertEquals(0.0, back.embed(Matrix.of(new double[][] {{1, 1, 1}})).maxAbsDifference(Matrix.of(new double[][] {{2, 0, 0.5}})));
        assertThrows(IllegalArgumentException.class, () -> new DiagonalMetric(new double[] {1, -1}));
        assertThrows(IllegalArgumentException.class, () -> new DiagonalMetric(new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> codecs.decode(Map.of("kind", "identity", "dim", 1.5)));
    }

    @Test
    void covarianceWithFewerRowsThanFeaturesMatchesThePseudoInverse() {
        Dataset d = gaussian(6, 15, 2);
        MahalanobisMetric m = new CovarianceLearner(1e-10).fit(d, FitContext.seeded(0));
        assertEquals(5, m.outputDim(), "rank of a 6-row covariance");
        Matrix pinv = EigenTruncation.DEFAULT.pseudoInverse(CovarianceLearner.covariance(d.x()));
        assertTrue(m.m().maxAbsDifference(pinv) < 1e-8 * pinv.frobeniusNorm(), "LᵀL = Σ⁺");
        Dataset tall = gaussian(40, 5, 3);
        Matrix inv = EigenTruncation.DEFAULT.pseudoInverse(CovarianceLearner.covariance(tall.x()));
        assertTrue(new CovarianceLearner(1e-10).fit(tall, FitContext.seeded(0)).m().maxAbsDifference(inv) < 1e-9 * inv.frobeniusNorm());
    }

    @Test
    void covarianceOnTenThousandFeaturesFitsQuickly() {
        Dataset wide = gaussian(60, 10_000, 4);
        long t = System.nanoTime();
        MahalanobisMetric m = new CovarianceLearner(1e-10).fit(wide, FitContext.seeded(0));
        double seconds = (System.nanoTime() - t) / 1e9;
        assertEquals(59, m.outputDim());
        assertTrue(seconds < 20, "60 × 10,000 took " + seconds + " s");
        Matrix z = m.embed(wide.x());
        assertTrue(z.isFinite());
    }
}
