package org.metriclab.core.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.linalg.Matrix;

class CheckedLearnerTest {
    static final Dataset DATA = new Dataset("toy", Matrix.of(new double[][] {{0, 1}, {1, 0}, {2, 2}, {3, 1}}), Labels.of(0, 0, 1, 1));

    /** A catalogue with one learner returning the given metric. */
    static Learners registry(String name, MetricLearner<?> learner) {
        LearnerCatalog c = new LearnerCatalog() {
            @Override
            public String family() {
                return "test";
            }

            @Override
            public List<LearnerEntry> learners() {
                return List.of(new LearnerEntry(name, "test learner", p -> learner));
            }
        };
        return Learners.of(List.of(c));
    }

    static FitException failure(MetricLearner<?> learner) {
        return assertThrows(FitException.class,
                () -> registry("shaky", learner).create("shaky", Params.of(Map.of())).fit(DATA, FitContext.seeded(0)));
    }

    @Test
    void anExplodingEmbeddingIsAFitFailureNamingTheLearner() {
        FitException e = failure((train, ctx) -> new MahalanobisMetric(Matrix.diagonal(1, 1e12)));
        assertEquals("shaky", e.learner());
        assertTrue(e.reason().contains("spread"), e.reason());
        assertTrue(e.hint().contains("standardize"), e.hint());
    }

    @Test
    void aNonFiniteEmbeddingIsAFitFailure() {
        LearnedMetric nan = new LearnedMetric() {
            @Override
            public int inputDim() {
                return 2;
            }

            @Override
            public int outputDim() {
                return 1;
            }

            @Override
            public double[] embed(double[] x) {
                return new double[] {x[0] > 2 ? Double.NaN : x[0]};
            }
        };
        assertTrue(failure((train, ctx) -> nan).reason().contains("not finite"));
    }

    @Test
    void aCollapsedEmbeddingAndANumericalBreakdownAreFitFailures() {
        assertTrue(failure((train, ctx) -> new MahalanobisMetric(Matrix.of(new double[][] {{0, 0}}))).reason().contains("same point"));
        FitException e = failure((train, ctx) -> {
            throw new ArithmeticException("matrix 2×2 is singular");
        });
        assertTrue(e.reason().contains("singular"), e.reason());
    }

    @Test
    void aSoundModelPassesUnchanged() {
        MahalanobisMetric m = new MahalanobisMetric(Matrix.diagonal(2, 0.5));
        MetricLearner<?> l = registry("fine", (train, ctx) -> m).create("fine", Params.of(Map.of()));
        assertSame(m, l.fit(DATA, FitContext.seeded(0)));
        // tiny-scale inputs may be whitened to unit scale
        Dataset tiny = DATA.withFeatures(DATA.x().scale(1e-9));
        new CheckedLearner<>("whiten", (train, ctx) -> new MahalanobisMetric(Matrix.diagonal(1e9, 1e9))).fit(tiny, FitContext.seeded(0));
    }
}
