package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodecs;

/** Convergence reporting, monotone decrease, warnings, low rank, regression targets and the Bayesian posterior. */
class LearnerBehaviourTest {
    /** Records everything a learner reports. */
    static final class Recorder implements Progress {
        final List<Double> objectives = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        int iterations = -1;
        boolean converged;

        @Override
        public void iteration(int iteration, double objective) {
            objectives.add(objective);
        }

        @Override
        public void finished(int iterations, double objective, boolean converged) {
            this.iterations = iterations;
            this.converged = converged;
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        void assertMonotone(String who) {
            assertFalse(objectives.isEmpty(), who + ": no iterations reported");
            for (int i = 1; i < objectives.size(); i++) {
                assertTrue(objectives.get(i) <= objectives.get(i - 1) + 1e-12 * Math.max(1, Math.abs(objectives.get(i - 1))),
                        who + ": objective rose at iteration " + i + ": " + objectives.get(i - 1) + " -> " + objectives.get(i));
            }
        }
    }

    static Dataset blobs(long seed, int n, int d) {
        return blobs(seed, n, d, 2.5);
    }

    /** n rows in d ≥ 3 dimensions, three classes, class c shifted by {@code separation} along axis c. */
    static Dataset blobs(long seed, int n, int d, double separation) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = r.nextGaussian() + (j == y[i] ? separation : 0.0);
            }
        }
        return new Dataset("blobs", Matrix.of(n, d, x), Labels.of(y));
    }

    private static Recorder fit(MetricLearner<?> learner, Dataset data) {
        Recorder rec = new Recorder();
        learner.fit(data, new FitContext(0, rec));
        return rec;
    }

    @Test
    void descentMethodsNeverIncreaseTheirObjective() {
        Dataset data = blobs(1, 60, 4);
        Recorder nca = fit(NcaLearner.from(Params.empty()), data);
        nca.assertMonotone("nca (Wolfe L-BFGS)");
        Recorder mcml = fit(McmlLearner.from(Params.empty()), data);
        mcml.assertMonotone("mcml (projected gradient)");
        Recorder mlkr = fit(MlkrLearner.from(Params.empty()), data);
        mlkr.assertMonotone("mlkr (Wolfe L-BFGS)");
        Recorder ldml = fit(LdmlLearner.supervised(Params.of(Map.of("constraints", 80))), data);
        ldml.assertMonotone("ldml (projected gradient)");
        Recorder bayes = fit(BayesianMetricLearner.supervised(Params.of(Map.of("constraints", 80))), data);
        bayes.assertMonotone("bayesian_ml (variational bound)");
        for (Recorder r : List.of(nca, mcml, mlkr, ldml, bayes)) {
            assertTrue(r.iterations > 0 && r.converged && r.warnings.isEmpty(), "iterations " + r.iterations + ", " + r.warnings);
        }
    }

    @Test
    void iterationCapsAreWarnedNeverSilent() {
        Dataset data = blobs(2, 45, 4);
        Map<String, MetricLearner<?>> capped = Map.of(
                "nca", NcaLearner.from(Params.of(Map.of("max_iter", 1))),
                "nca sgd", NcaLearner.from(Params.of(Map.of("max_iter", 1, "solver", "sgd", "batch_size", 15))),
                "nca smile", NcaLearner.from(Params.of(Map.of("max_iter", 1, "solver", "smile_lbfgs"))),
                "mlkr", MlkrLearner.from(Params.of(Map.of("max_iter", 1))),
                "mcml", McmlLearner.from(Params.of(Map.of("max_iter", 1, "tol", 1e-12))),
                "ldml", LdmlLearner.supervised(Params.of(Map.of("max_iter", 1, "tol", 1e-12))),
                "bayesian_ml", BayesianMetricLearner.supervised(Params.of(Map.of("max_iter", 1))),
                "sdml", SdmlLearner.supervised(Params.of(Map.of("max_iter", 1, "tol", 1e-14, "balance_param", 1e-4))));
        capped.forEach((name, learner) -> {
            Recorder r = fit(learner, data);
            assertFalse(r.converged, name + " claims convergence after one iteration");
            assertEquals(1, r.warnings.size(), name + ": " + r.warnings);
            assertTrue(r.warnings.get(0).contains("max_iter"), name + ": " + r.warnings.get(0));
        });
    }

    @Test
    void lowRankLearnersReturnTheRequestedOutputDimension() {
        Dataset data = blobs(3, 45, 5);
        for (MetricLearner<?> l : List.of(NcaLearner.from(Params.of(Map.of("dims", 2, "init", "pca"))),
                MlkrLearner.from(Params.of(Map.of("dims", 2))), McmlLearner.from(Params.of(Map.of("dims", 2))),
                BayesianMetricLearner.supervised(Params.of(Map.of("dims", 2))))) {
            LearnedMetric m = l.fit(data, FitContext.seeded(0));
            assertEquals(2, m.outputDim(), l.toString());
            assertEquals(5, m.inputDim(), l.toString());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NcaLearner.from(Params.of(Map.of("dims", 9))).fit(data, FitContext.seeded(0)));
        assertTrue(e.getMessage().contains("dims"), e.getMessage());
    }

    /** MCML's dims = p keeps the p largest eigenpairs of its full-rank metric: LᵀL = Σ_top-p λ v vᵀ. */
    @Test
    void mcmlLowRankMetricIsTheTopEigenpairsOfTheFullOne() {
        Dataset data = blobs(3, 45, 5);
        Matrix full = ((MahalanobisMetric) McmlLearner.from(Params.empty()).fit(data, FitContext.seeded(0))).m();
        Matrix rank2 = ((MahalanobisMetric) McmlLearner.from(Params.of(Map.of("dims", 2))).fit(data, FitContext.seeded(0))).m();
        EigenPairs e = Eigen.symmetric(full);
        double[] expected = new double[25];
        for (int k = 0; k < 2; k++) {
            for (int a = 0; a < 5; a++) {
                for (int b = 0; b < 5; b++) {
                    expected[a * 5 + b] += e.value(k) * e.vectors().get(a, k) * e.vectors().get(b, k);
                }
            }
        }
        assertTrue(rank2.maxAbsDifference(Matrix.of(5, 5, expected)) < 1e-9 * Math.max(1, e.value(0)),
                "rank-2 metric differs from the top-2 eigenpairs by " + rank2.maxAbsDifference(Matrix.of(5, 5, expected)));
    }

    @Test
    void stochasticNcaLearnsASeparatingMetric() {
        Dataset data = blobs(4, 90, 4);
        MahalanobisMetric m = NcaLearner.from(Params.of(Map.of("solver", "sgd", "batch_size", 30, "max_iter", 50,
                "learning_rate", 0.05))).fit(data, FitContext.seeded(1));
        assertTrue(m.embed(data.x()).isFinite());
        // the informative features 0..2 gain weight relative to the noise feature 3
        Matrix mm = m.m();
        double informative = (mm.get(0, 0) + mm.get(1, 1) + mm.get(2, 2)) / 3;
        assertTrue(informative > mm.get(3, 3), "M diagonal " + java.util.Arrays.toString(mm.diagonal()));
    }

    /** MLKR regresses real targets: with y = 3·x₀ the learned metric must favour feature 0. */
    @Test
    void mlkrUsesRegressionTargets() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 60;
        double[] x = new double[n * 3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = r.nextGaussian();
            }
            y[i] = 3 * x[i * 3];
        }
        Dataset data = new Dataset("regression", Matrix.of(n, 3, x), Labels.of(new int[n]), Optional.of(y));
        Matrix m = MlkrLearner.from(Params.empty()).fit(data, FitContext.seeded(0)).m();
        assertTrue(m.get(0, 0) > 5 * Math.max(m.get(1, 1), m.get(2, 2)), "M diagonal " + java.util.Arrays.toString(m.diagonal()));
    }

    @Test
    void bayesianPosteriorExposesMeanAndUncertainty() {
        Dataset data = blobs(6, 90, 4);
        Pairs pairs = new RandomPairs(150).sample(data, new SplittableRandom(1));
        BayesianMetric few = BayesianMetricLearner.from(Params.empty()).fit(data.x(),
                new Pairs(java.util.Arrays.copyOf(pairs.left(), 10), java.util.Arrays.copyOf(pairs.right(), 10),
                        java.util.Arrays.copyOf(pairs.similar(), 10)), FitContext.seeded(0));
        BayesianMetric many = BayesianMetricLearner.from(Params.empty()).fit(data.x(), pairs, FitContext.seeded(0));
        for (int k = 0; k < 4; k++) {
            assertTrue(many.weightVariance()[k] > 0, "variance must be positive");
            assertTrue(many.weightVariance()[k] < few.weightVariance()[k], "more pairs must shrink the posterior variance");
        }
        double same = 0;
        double different = 0;
        int ns = 0;
        int nd = 0;
        for (int i = 0; i < 30; i++) {
            for (int j = i + 1; j < 30; j++) {
                double p = many.similarityProbability(data.x().row(i), data.x().row(j));
                assertTrue(p >= 0 && p <= 1);
                if (data.labels().get(i) == data.labels().get(j)) {
                    same += p;
                    ns++;
                } else {
                    different += p;
                    nd++;
                }
            }
        }
        assertTrue(same / ns > different / nd + 0.2, "same-class " + same / ns + " vs different " + different / nd);
        LearnedMetric back = MetricCodecs.load().decode(MetricCodecs.load().encode(many));
        assertEquals(many, back);
        assertEquals(many.metric().embed(data.x()), many.embed(data.x()));
    }

    @Test
    void sdmlWarnsWhenItsInputIsNotPsd() {
        Dataset data = blobs(7, 60, 4);
        Recorder r = new Recorder();
        LearnedMetric m = SdmlLearner.supervised(Params.of(Map.of("balance_param", 5.0, "sparsity_param", 0.5)))
                .fit(data, new FitContext(0, r));
        assertTrue(r.warnings.stream().anyMatch(w -> w.contains("not PSD")), r.warnings.toString());
        assertTrue(m.embed(data.x()).isFinite());
    }

    @Test
    void badParametersAreClearErrors() {
        for (Map.Entry<String, Map<String, Object>> bad : List.of(
                Map.entry("nca", Map.<String, Object>of("max_iter", 0)),
                Map.entry("nca", Map.<String, Object>of("solver", "newton")),
                Map.entry("mlkr", Map.<String, Object>of("solver", "sgd")),
                Map.entry("mcml", Map.<String, Object>of("step", -1)),
                Map.entry("sdml", Map.<String, Object>of("sparsity_param", -0.1)),
                Map.entry("ldml", Map.<String, Object>of("regularization", -1)),
                Map.entry("bayesian_ml", Map.<String, Object>of("prior_variance", 0)))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> org.metriclab.core.learn.Learners.of(List.of(new ProbabilisticCatalog())).create(bad.getKey(),
                            Params.of(bad.getValue())), bad.toString());
            assertTrue(e.getMessage().length() > 20, e.getMessage());
        }
    }
}
