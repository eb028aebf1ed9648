package org.metriclab.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.LearnerCatalog;
import org.metriclab.core.learn.LearnerEntry;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.Matrix;

/**
 * The checks every registered learner must pass. An extension's author subclasses this once, names
 * the catalogue under test, and gets: construction from defaults, parameter round-trip, unknown-key
 * rejection, metric axioms, embed/distance agreement, PSD M, determinism, untouched inputs and clear
 * errors on one-class input. Override {@link #quickParams(String)} to make slow learners fast.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LearnerContract {
    /** The catalogue whose learners are checked. */
    protected abstract LearnerCatalog catalog();

    /** Parameters that make a learner quick on tiny data; empty by default. */
    protected Map<String, Object> quickParams(String learner) {
        return Map.of();
    }

    /**
     * The training data a learner is checked on: {@code data} by default. Learners that need side information
     * (views, privileged columns) add it here; subsets of the returned data keep it.
     */
    protected Dataset prepared(String learner, Dataset data) {
        return data;
    }

    Stream<String> learnerNames() {
        return catalog().learners().stream().map(LearnerEntry::name);
    }

    private MetricLearner<?> build(String name) {
        Params p = Params.of(quickParams(name));
        return Learners.of(java.util.List.of(catalog())).create(name, p);
    }

    /** Three well-separated Gaussian classes in 5-D, 20 points each. */
    protected static Dataset blobs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 60;
        int d = 5;
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = r.nextGaussian() + (j == y[i] ? 4.0 : 0.0) + (j == 4 ? 0.1 * y[i] : 0.0);
            }
        }
        return new Dataset("blobs", Matrix.of(n, d, x), Labels.of(y));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("learnerNames")
    void buildsFromDefaultsAndRoundTripsItsParameters(String name) {
        Params p = Params.of(quickParams(name));
        Learners reg = Learners.of(java.util.List.of(catalog()));
        MetricLearner<?> a = reg.create(name, p);
        Params again = Params.of(p.resolved());
        MetricLearner<?> b = reg.create(name, again);
        assertEquals(a, b, name + ": learner rebuilt from its resolved parameters differs");
        assertEquals(p.resolved(), again.resolved(), name + ": resolved parameters are not a fixed point");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("learnerNames")
    void rejectsUnknownParameters(String name) {
        Map<String, Object> raw = new java.util.HashMap<>(quickParams(name));
        raw.put("no_such_parameter_xyz", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learners.of(java.util.List.of(catalog())).create(name, Params.of(raw)));
        assertTrue(e.getMessage().contains("no_such_parameter_xyz"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("learnerNames")
    void givesAPseudoMetricThatAgreesWithItsEmbedding(String name) {
        Dataset train = prepared(name, blobs(1));
        LearnedMetric m = build(name).fit(train, FitContext.seeded(7));
        assertEquals(train.dim(), m.inputDim(), name + ": input dimension");
        Matrix e = m.embed(train.x());
        assertTrue(e.isFinite(), name + ": embedding has non-finite values");
        for (int t = 0; t < 30; t++) {
            double[] a = train.x().row(t);
            double[] b = train.x().row(59 - t);
            double[] c = train.x().row((t * 7) % 60);
            double ab = m.between(a, b);
            assertTrue(ab >= 0, name + ": negative distance");
            assertEquals(ab, m.between(b, a), 1e-9 * (1 + ab), name + ": not symmetric");
            assertEquals(0.0, m.between(a, a), 1e-9, name + ": d(x, x) != 0");
            assertTrue(ab <= m.between(a, c) + m.between(c, b) + 1e-9 * (1 + ab), name + ": triangle inequality");
            double viaEmbed = Math.sqrt(org.metriclab.core.linalg.Vectors.squaredDistance(e.row(t), e.row(59 - t)));
            assertEquals(viaEmbed, ab, 1e-7 * (1 + ab), name + ": embed and between disagree");
        }
        if (m instanceof MahalanobisMetric mm) {
            double[] ev = Eigen.symmetric(mm.m()).values();
            double tol = 1e-9 * Math.max(1, Math.abs(ev[0]));
            assertTrue(ev[ev.length - 1] >= -tol, name + ": M is not PSD, smallest eigenvalue " + ev[ev.length - 1]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("learnerNames")
    void sameSeedGivesTheSameModelAndInputsStayUntouched(String name) {
        Dataset train = prepared(name, blobs(2));
        Dataset copy = new Dataset(train.name(), Matrix.of(train.x().toRows()), Labels.of(train.labels().toArray()))
                .withViews(train.views());
        if (train.privileged().isPresent()) {
            copy = copy.withPrivileged(Matrix.of(train.privileged().get().toRows()));
        }
        MetricLearner<?> learner = build(name);
        LearnedMetric a = learner.fit(train, FitContext.seeded(11));
        LearnedMetric b = learner.fit(train, FitContext.seeded(11));
        assertEquals(copy, train, name + ": fit modified its input");
        assertEquals(a.embed(train.x()), b.embed(train.x()), name + ": same seed, different model");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("learnerNames")
    void oneClassIsEitherAClearErrorOrAValidMetric(String name) {
        Dataset all = prepared(name, blobs(3));
        Dataset one = all.subset(all.labels().indicesOf(0));
        MetricLearner<?> learner = build(name);
        try {
            LearnedMetric m = learner.fit(one, FitContext.seeded(1));
            assertNotNull(m);
            assertTrue(m.embed(one.x()).isFinite(), name + ": one-class fit gave non-finite embeddings");
        } catch (IllegalArgumentException | ArithmeticException | FitException e) {
            assertNotNull(e.getMessage(), name + ": error without a message");
            assertTrue(e.getMessage().length() > 10, name + ": unhelpful message '" + e.getMessage() + "'");
        } catch (RuntimeException e) {
            fail(name + ": one-class input threw " + e + " instead of a clear IllegalArgumentException", e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("learnerNames")
    void duplicatePointsAndFewSamplesGiveAFiniteMetricOrAClearError(String name) {
        Dataset all = prepared(name, blobs(4));
        int[] rows = {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5};
        Dataset tiny = all.subset(rows);
        try {
            LearnedMetric m = build(name).fit(tiny, FitContext.seeded(1));
            assertTrue(m.embed(tiny.x()).isFinite(), name + ": degenerate input gave non-finite embeddings");
        } catch (IllegalArgumentException | ArithmeticException | FitException e) {
            assertTrue(e.getMessage() != null && e.getMessage().length() > 10, name + ": unhelpful message");
        } catch (RuntimeException e) {
            fail(name + ": degenerate input threw " + e + " instead of a clear IllegalArgumentException or FitException", e);
        }
    }
}
