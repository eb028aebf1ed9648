package org.metriclab.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.probabilistic.MlkrLearner;
import org.metriclab.probabilistic.NcaLearner;
import org.metriclab.spectral.LmnnLearner;

/**
 * {@code engine: spark} fits one learner data-parallel on local[2]: with the same seed it gives the
 * local stochastic fit up to floating-point summation order. Stated bound: after 2–3 epochs of Adam
 * (16–39 steps), every entry of L agrees within 1e-9 relative to max|L| (NCA, MLKR and LMNN).
 */
class SparkFitTest {
    private static final double CLOSE = 1e-9;
    private static SparkSession session;

    @BeforeAll
    static void start() {
        session = Sessions.open(Optional.of("local[2]"), 0, "fit-test");
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    private static Dataset data() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 400;
        int d = 6;
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 4;
            for (int k = 0; k < d; k++) {
                x[i * d + k] = r.nextGaussian() + (k == y[i] ? 2.0 : 0.0);
            }
        }
        return new Dataset("blobs", Matrix.of(n, d, x), Labels.of(y));
    }

    private static Params params(String solver, String engine) {
        Map<String, Object> m = new HashMap<>(Map.of("solver", solver, "max_iter", 3, "batch_size", 32, "tol", 1e-300,
                "learning_rate", 0.02, "engine", engine));
        if (solver.equals("minibatch")) {
            m.put("reference_size", 64);
        } else {
            m.put("k", 5);
            m.put("refresh_every", 2);
        }
        if (engine.equals("spark")) {
            m.put("partitions", 2);
        }
        return Params.of(m);
    }

    private static double relativeGap(MahalanobisMetric a, MahalanobisMetric b) {
        double[] x = a.l().toArray();
        double[] y = b.l().toArray();
        double gap = 0;
        double scale = 0;
        for (int k = 0; k < x.length; k++) {
            gap = Math.max(gap, Math.abs(x[k] - y[k]));
            scale = Math.max(scale, Math.abs(x[k]));
        }
        return gap / scale;
    }

    @Test
    void sparkNcaMinibatchEqualsTheLocalFitUpToSummationOrder() {
        Dataset train = data();
        MahalanobisMetric local = NcaLearner.from(params("minibatch", "local")).fit(train, FitContext.seeded(7));
        MahalanobisMetric spark = NcaLearner.from(params("minibatch", "spark")).fit(train, FitContext.seeded(7));
        double gap = relativeGap(local, spark);
        assertTrue(gap <= CLOSE, "relative gap " + gap);
        assertFalse(local.l().equals(MahalanobisMetric.identity(6).l()), "the fit moved L");
    }

    @Test
    void sparkMlkrApproximateKnnEqualsTheLocalFitUpToSummationOrder() {
        Dataset train = data();
        MahalanobisMetric local = MlkrLearner.from(params("approximate_knn", "local")).fit(train, FitContext.seeded(8));
        MahalanobisMetric spark = MlkrLearner.from(params("approximate_knn", "spark")).fit(train, FitContext.seeded(8));
        double gap = relativeGap(local, spark);
        assertTrue(gap <= CLOSE, "relative gap " + gap);
    }

    @Test
    void sparkLmnnEqualsTheLocalFitUpToSummationOrder() {
        Dataset train = data();
        Map<String, Object> m = new HashMap<>(Map.of("solver", "approximate_knn", "k", 3, "impostors", 5, "max_iter", 2,
                "batch_size", 50, "learning_rate", 0.02));
        MahalanobisMetric local = LmnnLearner.from(Params.of(m)).fit(train, FitContext.seeded(9));
        m.put("engine", "spark");
        m.put("partitions", 3);
        MahalanobisMetric spark = LmnnLearner.from(Params.of(m)).fit(train, FitContext.seeded(9));
        double gap = relativeGap(local, spark);
        assertTrue(gap <= CLOSE, "relative gap " + gap);
    }

    @Test
    void zeroPartitionsIsAOneLineErrorNamingTheRange() {
        Map<String, Object> m = new HashMap<>(Map.of("solver", "minibatch", "engine", "spark", "partitions", 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NcaLearner.from(Params.of(m)));
        assertTrue(e.getMessage().contains("partitions must be in 1..65536"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
