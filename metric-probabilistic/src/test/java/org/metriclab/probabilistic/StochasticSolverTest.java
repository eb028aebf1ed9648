package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;

/** The scalable NCA/MLKR solvers as learners: they learn, report progress, and refuse bad settings in one line. */
class StochasticSolverTest {
    private static MetricLearner<?> learner(String name, Map<String, Object> params) {
        return Learners.of(List.of(new ProbabilisticCatalog())).create(name, Params.of(params));
    }

    /** 3 classes separated in 2 dimensions, hidden among 8 dimensions of larger noise: Euclidean 1-NN does poorly. */
    private static Dataset noisy(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
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
        return new Dataset("noisy", org.metriclab.core.linalg.Matrix.of(n, 10, x), org.metriclab.core.data.Labels.of(y));
    }

    private static double accuracy(String name, Map<String, Object> params) {
        Dataset train = noisy(300, 1);
        Dataset test = noisy(300, 2);
        MahalanobisMetric m = (MahalanobisMetric) learner(name, params).fit(train, FitContext.seeded(0));
        return SharedProtocol.knnAccuracy(m.embed(train.x()), train.labels().toArray(), m.embed(test.x()), test.labels().toArray(), 1);
    }

    @Test
    void minibatchAndApproximateKnnNcaBeatTheEuclideanBaseline() {
        double euclidean = accuracy("nca", Map.of("solver", "lbfgs", "max_iter", 1));
        double exact = accuracy("nca", Map.of("solver", "exact", "max_iter", 100));
        double minibatch = accuracy("nca", Map.of("solver", "minibatch", "max_iter", 20, "batch_size", 32,
                "reference_size", 64, "learning_rate", 0.05));
        double knn = accuracy("nca", Map.of("solver", "approximate_knn", "max_iter", 20, "batch_size", 32, "k", 5,
                "learning_rate", 0.05));
        double mlkr = accuracy("mlkr", Map.of("solver", "minibatch", "max_iter", 20, "batch_size", 32,
                "reference_size", 64, "learning_rate", 0.05));
        assertTrue(minibatch > euclidean + 0.1, "minibatch " + minibatch + " vs euclidean " + euclidean + " (exact " + exact + ")");
        assertTrue(knn > euclidean + 0.1, "approximate_knn " + knn + " vs euclidean " + euclidean + " (exact " + exact + ")");
        assertTrue(mlkr > euclidean + 0.1, "mlkr minibatch " + mlkr + " vs euclidean " + euclidean);
        assertTrue(minibatch >= exact - 0.05, "minibatch " + minibatch + " vs exact " + exact);
    }

    @Test
    void streamedItmlBeatsTheEuclideanBaselineAndIsDeterministic() {
        double euclidean = accuracy("nca", Map.of("solver", "lbfgs", "max_iter", 1));
        Map<String, Object> params = Map.of("solver", "minibatch", "max_iter", 40, "batch_size", 64);
        double streamed = accuracy("itml", params);
        assertTrue(streamed > euclidean + 0.05, "streamed itml " + streamed + " vs euclidean " + euclidean);
        Dataset train = noisy(100, 3);
        assertEquals(learner("itml", params).fit(train, FitContext.seeded(2)), learner("itml", params).fit(train, FitContext.seeded(2)));
        String e = assertThrows(IllegalArgumentException.class, () -> learner("itml", Map.of("solver", "approximate_knn"))).getMessage();
        assertTrue(e.contains("solver must be exact or minibatch"), e);
    }

    @Test
    void exactIsTheLbfgsReference() {
        Dataset train = SharedProtocol.prepare("iris").train();
        MahalanobisMetric a = (MahalanobisMetric) learner("nca", Map.of("solver", "exact", "max_iter", 20)).fit(train, FitContext.seeded(1));
        MahalanobisMetric b = (MahalanobisMetric) learner("nca", Map.of("solver", "lbfgs", "max_iter", 20)).fit(train, FitContext.seeded(1));
        assertEquals(a.l(), b.l());
    }

    @Test
    void progressReportsEpochLossAndThroughputAndTheLossFalls() {
        List<double[]> losses = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        Progress p = new Progress() {
            @Override
            public void iteration(int iteration, double objective) {
            }

            @Override
            public void measure(String name, int step, double value) {
                if (name.equals(EPOCH_LOSS)) {
                    losses.add(new double[] {step, value});
                } else if (name.equals(SAMPLES_PER_SECOND)) {
                    rates.add(value);
                }
            }
        };
        Dataset train = SharedProtocol.prepare("digits").train();
        learner("mlkr", Map.of("solver", "minibatch", "max_iter", 5, "tol", 1e-300)).fit(train, new FitContext(3, p));
        assertEquals(5, losses.size());
        assertEquals(5, rates.size());
        assertTrue(rates.stream().allMatch(r -> r > 0));
        assertTrue(losses.get(4)[1] < losses.get(0)[1], "loss " + losses.get(0)[1] + " → " + losses.get(4)[1]);
    }

    @Test
    void sameSeedSameModel() {
        Dataset train = SharedProtocol.prepare("wine").train();
        Map<String, Object> params = Map.of("solver", "minibatch", "max_iter", 3, "batch_size", 16, "reference_size", 32,
                "reference_sampling", "class_balanced");
        MahalanobisMetric a = (MahalanobisMetric) learner("nca", params).fit(train, FitContext.seeded(4));
        MahalanobisMetric b = (MahalanobisMetric) learner("nca", params).fit(train, FitContext.seeded(4));
        assertArrayEquals(a.l().toArray(), b.l().toArray());
    }

    private static String error(String name, Map<String, Object> params) {
        Dataset train = SharedProtocol.prepare("iris").train();
        RuntimeException e = assertThrows(RuntimeException.class, () -> learner(name, params).fit(train, FitContext.seeded(0)));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void badSettingsAreOneLineErrorsNamingTheParameterAndItsRange() {
        int n = SharedProtocol.prepare("iris").train().size();
        String batch = error("nca", Map.of("solver", "minibatch", "batch_size", n + 1));
        assertTrue(batch.contains("batch_size must be in 1.." + n), batch);
        String refs = error("mlkr", Map.of("solver", "minibatch", "reference_size", n + 5));
        assertTrue(refs.contains("reference_size must be in 2.." + n), refs);
        int smallest = java.util.Arrays.stream(SharedProtocol.prepare("iris").train().labels().classSizes()).min().getAsInt();
        String k = error("nca", Map.of("solver", "approximate_knn", "k", smallest));
        assertTrue(k.contains("approximate_knn k must be in 1.." + (smallest - 1)), k);
        String nan = error("nca", Map.of("solver", "minibatch", "optimizer", "sgd", "learning_rate", 1e300, "batch_size", 8, "reference_size", 16));
        assertTrue(nan.contains("learning_rate") && nan.contains("at epoch ") && nan.contains("no model was written"), nan);
    }

    @Test
    void theExactSolverRefusesSizesWhoseDistanceMatrixCannotBeHeldBeforeAllocating() {
        int n = 60_000;
        Dataset big = new Dataset("big", org.metriclab.core.linalg.Matrix.zeros(n, 1), org.metriclab.core.data.Labels.of(java.util.stream.IntStream.range(0, n).map(i -> i % 2).toArray()));
        RuntimeException e = assertThrows(RuntimeException.class, () -> learner("nca", Map.of("solver", "exact")).fit(big, FitContext.seeded(0)));
        assertTrue(e.getMessage().contains("use solver=minibatch"), e.getMessage());
        assertTrue(e instanceof org.metriclab.core.resource.InsufficientMemoryException || e instanceof IllegalArgumentException, e.toString());
    }

    @Test
    void aDivergingScheduleIsAFitExceptionNotANanModel() {
        Dataset train = SharedProtocol.prepare("iris").train();
        FitException e = assertThrows(FitException.class, () -> learner("mlkr", Map.of("solver", "minibatch", "optimizer", "sgd",
                "learning_rate", 1e300, "batch_size", 8, "reference_size", 16)).fit(train, FitContext.seeded(0)));
        assertEquals("mlkr", e.learner());
    }
}
