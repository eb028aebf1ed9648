package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.probabilistic.optim.Objective;
import org.metriclab.probabilistic.optim.ProjectedGradient;
import org.metriclab.probabilistic.optim.WolfeLbfgs;

/**
 * Numerical failures caused by the input are {@link FitException}s naming the learner, the reason
 * and a way out, so that the command line reports one line with exit code 1 instead of a stack trace.
 */
class FitFailureTest {
    private static Dataset fit(String learner, Map<String, Object> params, Dataset train) {
        Learners.of(List.of(new ProbabilisticCatalog())).create(learner, Params.of(params)).fit(train, FitContext.seeded(0));
        return train;
    }

    @Test
    void sdmlWithDefaultsOnStandardisedDigitsIsAFitExceptionWithAHint() {
        Dataset train = SharedProtocol.prepare("digits").train();
        FitException e = assertThrows(FitException.class, () -> fit("sdml", Map.of(), train));
        assertEquals("sdml", e.learner());
        assertTrue(e.hint().contains("balance_param (e.g. 1e-4)"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void sdmlWithTheHintedBalanceParamFitsDigits() {
        Dataset train = SharedProtocol.prepare("digits").train();
        fit("sdml", Map.of("balance_param", 1e-4), train);
    }

    /** f(x) = -log(x₀), undefined (NaN) for x₀ &lt; 0, and a step that leaves the domain. */
    private static final Objective LOG_BARRIER = new Objective() {
        @Override
        public double value(double[] x) {
            return x[0] > 0 ? -Math.log(x[0]) : Double.NaN;
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradient) {
            gradient[0] = -1e12;
            return value(x);
        }
    };

    @Test
    void aNonFiniteObjectiveInLbfgsIsAFitExceptionOfItsOwner() {
        FitException e = assertThrows(FitException.class,
                () -> new WolfeLbfgs(5, 1e-6, 10).minimize(LOG_BARRIER, new double[] {Double.NaN}, "mlkr",
                        org.metriclab.core.learn.Progress.none()));
        assertEquals("mlkr", e.learner());
        assertTrue(e.hint().contains("standardise"), e.getMessage());
    }

    @Test
    void aNonFiniteInitialObjectiveInProjectedGradientIsAFitException() {
        FitException e = assertThrows(FitException.class,
                () -> new ProjectedGradient(5, 1e-6, 1.0).minimize(LOG_BARRIER, new double[] {-1}, x -> x, "mcml",
                        org.metriclab.core.learn.Progress.none()));
        assertEquals("mcml", e.learner());
    }

    @Test
    void bayesianMetricLearningOnFeatureScalesFrom1eMinus6To1e6IsAFitException() {
        Dataset train = org.metriclab.core.contract.StressSet.load("scales").train();
        FitException e = assertThrows(FitException.class, () -> fit("bayesian_ml", Map.of("constraints", 200), train));
        assertTrue(e.hint().contains("standardise"), e.getMessage());
    }

    @Test
    void bayesianMetricLearningOnOverflowingFeaturesIsAFitException() {
        double[][] rows = new double[40][];
        int[] labels = new int[40];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {1e153 * (i % 7), -1e153 * (i % 5), i % 2};
            labels[i] = i % 2;
        }
        Dataset train = new Dataset("huge", Matrix.of(rows), Labels.of(labels));
        assertThrows(FitException.class, () -> fit("bayesian_ml", Map.of("constraints", 40), train));
    }

    @Test
    void itmlBoundsCountDuplicatedRowsOnceAsMetricLearnDoes() {
        double[][] base = ItmlTest.points(3, 30, 3).toRows();
        double[][] doubled = new double[60][];
        for (int i = 0; i < 60; i++) {
            doubled[i] = base[i % 30];
        }
        int[] left = new int[59];
        int[] right = new int[59];
        for (int k = 0; k < 59; k++) {
            left[k] = k;
            right[k] = k + 1;
        }
        Pairs all = new Pairs(left, right, new boolean[59]);
        Pairs once = new Pairs(java.util.Arrays.copyOf(left, 29), java.util.Arrays.copyOf(right, 29), new boolean[29]);
        double[] withCopies = ItmlLearner.percentileBounds(Matrix.of(doubled).toArray(), 3, all, FitContext.seeded(0));
        double[] without = ItmlLearner.percentileBounds(Matrix.of(base).toArray(), 3, once, FitContext.seeded(0));
        org.junit.jupiter.api.Assertions.assertArrayEquals(without, withCopies, 0.0);
    }

    @Test
    void itmlOnTooFewDistinctRowsIsAFitExceptionNamingTheBounds() {
        double[][] rows = new double[24][];
        int[] labels = new int[24];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i % 6, (i % 6) * (i % 6), i % 2};
            labels[i] = i % 2;
        }
        Dataset train = new Dataset("six distinct rows", Matrix.of(rows), Labels.of(labels));
        FitException e = assertThrows(FitException.class, () -> fit("itml", Map.of("constraints", 40), train));
        assertTrue(e.hint().contains("similar_bound"), e.getMessage());
    }

    @Test
    void itmlWithAnIllConditionedCovariancePriorIsAFitException() {
        Dataset train = org.metriclab.core.contract.StressSet.load("scales").train();
        FitException e = assertThrows(FitException.class, () -> fit("itml", Map.of("prior", "covariance"), train));
        assertTrue(e.hint().contains("prior=identity"), e.getMessage());
    }
}
