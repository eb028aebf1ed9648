package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;

/** LMNN's stochastic solvers learn a useful metric and refuse impossible settings in one line. */
class StochasticLmnnTest {
    /** 3 classes separated in 2 dimensions among 8 dimensions of larger noise. */
    private static Dataset noisy(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * 10];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            x[i * 10] = 2.0 * Math.cos(2 * Math.PI * y[i] / 3) + 0.5 * r.nextGaussian();
            x[i * 10 + 1] = 2.0 * Math.sin(2 * Math.PI * y[i] / 3) + 0.5 * r.nextGaussian();
            for (int k = 2; k < 10; k++) {
                x[i * 10 + k] = 5.0 * r.nextGaussian();
            }
        }
        return new Dataset("noisy", Matrix.of(n, 10, x), Labels.of(y));
    }

    private static double accuracy(Map<String, Object> params) {
        Dataset train = noisy(300, 1);
        Dataset test = noisy(300, 2);
        MahalanobisMetric m = LmnnLearner.from(Params.of(params)).fit(train, FitContext.seeded(0));
        return SharedProtocol.knnAccuracy(m.embed(train.x()), train.labels().toArray(), m.embed(test.x()), test.labels().toArray(), 1);
    }

    @Test
    void minibatchAndApproximateKnnLmnnBeatTheEuclideanBaseline() {
        Dataset train = noisy(300, 1);
        Dataset test = noisy(300, 2);
        double euclidean = SharedProtocol.knnAccuracy(train.x(), train.labels().toArray(), test.x(), test.labels().toArray(), 1);
        double minibatch = accuracy(Map.of("solver", "minibatch", "max_iter", 20, "batch_size", 32, "reference_size", 64,
                "learning_rate", 0.05));
        double knn = accuracy(Map.of("solver", "approximate_knn", "max_iter", 20, "batch_size", 32, "impostors", 10,
                "learning_rate", 0.05));
        assertTrue(minibatch > euclidean + 0.1, "minibatch " + minibatch + " vs euclidean " + euclidean);
        assertTrue(knn > euclidean + 0.1, "approximate_knn " + knn + " vs euclidean " + euclidean);
    }

    @Test
    void targetsBeyondTheSmallestClassAndOversizedBatchesAreOneLineErrors() {
        Dataset train = noisy(30, 1);
        String k = assertThrows(IllegalArgumentException.class, () -> LmnnLearner.from(Params.of(Map.of("solver", "approximate_knn",
                "k", 10))).fit(train, FitContext.seeded(0))).getMessage();
        assertTrue(k.contains("k must be in 1..9 (smallest class size 10 − 1)"), k);
        assertFalse(k.contains("\n"));
        String b = assertThrows(IllegalArgumentException.class, () -> LmnnLearner.from(Params.of(Map.of("solver", "minibatch",
                "batch_size", 31))).fit(train, FitContext.seeded(0))).getMessage();
        assertTrue(b.contains("batch_size must be in 1..30"), b);
    }
}
