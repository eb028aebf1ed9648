package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.KnnTriplets;
import org.metriclab.core.constraint.Triplets;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.ParamException;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;

class ScmlTest {
    /** Records warnings and the finishing report. */
    static final class Recorder implements Progress {
        final List<String> warnings = new ArrayList<>();
        int iterations = -1;
        boolean converged;

        @Override
        public void iteration(int iteration, double objective) {
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
    }

    @Test
    void tripletsAreEveryGenuineImpostorCombinationOfTheNearestRows() {
        Dataset train = SharedProtocol.prepare("iris").train();
        Triplets t = new GenuineImpostorTriplets(3, 10).sample(train, null);
        int n = train.size();
        assertEquals(n * 3 * 10, t.size());
        double[][] x = train.x().toRows();
        int[] y = train.labels().toArray();
        Set<List<Integer>> got = new HashSet<>();
        for (int m = 0; m < t.size(); m++) {
            got.add(List.of(t.anchor(m), t.positive(m), t.negative(m)));
        }
        for (int i = 0; i < n; i++) {
            int anchor = i;
            // brute force: full sort of all other rows by distance, ties to the lower index
            List<Integer> order = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                order.add(j);
            }
            order.sort((a, b) -> {
                int c = Double.compare(KMeansCentres.squared(x[anchor], x[a]), KMeansCentres.squared(x[anchor], x[b]));
                return c != 0 ? c : Integer.compare(a, b);
            });
            List<Integer> genuine = order.stream().filter(j -> j != anchor && y[j] == y[anchor]).limit(3).toList();
            List<Integer> impostors = order.stream().filter(j -> y[j] != y[anchor]).limit(10).toList();
            for (int g : genuine) {
                for (int o : impostors) {
                    assertTrue(got.contains(List.of(i, g, o)), "missing triplet " + i + ", " + g + ", " + o);
                }
            }
        }
    }

    @Test
    void rejectsBadParametersNamingThemAndTheirRange() {
        Map<String, Object> bad = Map.of("beta", -1, "gamma", 0, "output_iter", 0, "batch_size", 0, "k_genuine", 0, "n_basis", -2,
                "tol", -1);
        bad.forEach((key, value) -> {
            ParamException e = assertThrows(ParamException.class, () -> ScmlLearner.from(Params.of(Map.of(key, value))));
            assertEquals(key, e.key());
            assertTrue(e.getMessage().contains(">"), e.getMessage());
        });
        ParamException e = assertThrows(ParamException.class, () -> ScmlLearner.from(Params.of(Map.of("basis", "pca"))));
        assertTrue(e.getMessage().contains("lda") && e.getMessage().contains("triplet_diffs"), e.getMessage());
    }

    @Test
    void tooManyLdaBasesIsAParameterError() {
        Dataset train = SharedProtocol.prepare("iris").train();
        ParamException e = assertThrows(ParamException.class,
                () -> ScmlLearner.from(Params.of(Map.of("n_basis", 10_000))).fit(train, FitContext.seeded(0)));
        assertEquals("n_basis", e.key());
    }

    @Test
    void warnsWhenMaxIterEndsARunThatHasATolerance() {
        Dataset train = SharedProtocol.prepare("wine").train();
        Recorder r = new Recorder();
        ScmlLearner.from(Params.of(Map.of("max_iter", 500, "tol", 1e-3))).fit(train, new FitContext(0, r));
        assertEquals(500, r.iterations);
        assertTrue(!r.converged && r.warnings.stream().anyMatch(w -> w.contains("max_iter=500")), r.warnings.toString());
    }

    @Test
    void toleranceStopsTheRunEarlyAndReportsConvergence() {
        Dataset train = SharedProtocol.prepare("wine").train();
        Recorder r = new Recorder();
        ScmlLearner.from(Params.of(Map.of("max_iter", 100_000, "tol", 0.5))).fit(train, new FitContext(0, r));
        assertTrue(r.converged && r.iterations < 100_000, r.iterations + " iterations");
    }

    @Test
    void weaklySupervisedFormLearnsFromGivenTriplets() {
        SharedProtocol.Prepared p = SharedProtocol.prepare("iris");
        Triplets t = new KnnTriplets(3, 5).sample(p.train(), new java.util.SplittableRandom(1));
        ScmlTriplets weak = new ScmlTriplets(0, new ScmlDualAveraging(1e-5, 5e-3, 5000, 500, 10, 0));
        MahalanobisMetric m = weak.fit(p.train().x(), t, FitContext.seeded(0));
        double acc = SharedProtocol.knnAccuracy(m.embed(p.train().x()), p.train().labels().toArray(), m.embed(p.test().x()),
                p.test().labels().toArray(), 1);
        assertTrue(acc >= 0.9, "1-NN accuracy " + acc);
    }

    @Test
    void tripletDifferenceBasesAreUnitEigenvectors() {
        Dataset train = SharedProtocol.prepare("wine").train();
        Triplets t = new GenuineImpostorTriplets(3, 10).sample(train, null);
        ScmlBasis b = ScmlBasis.tripletDifferences(train.x().toRows(), t, 40, new java.util.SplittableRandom(3));
        assertEquals(40, b.size());
        for (double[] row : b.rows()) {
            double norm = 0;
            for (double v : row) {
                norm += v * v;
            }
            assertEquals(1.0, norm, 1e-9);
        }
    }

    @Test
    void sameSeedSameMetric() {
        Dataset train = SharedProtocol.prepare("wine").train();
        ScmlLearner s = ScmlLearner.from(Params.of(Map.of("max_iter", 1000)));
        assertArrayEquals(s.fit(train, FitContext.seeded(4)).l().toArray(), s.fit(train, FitContext.seeded(4)).l().toArray());
    }

    /**
     * At least d active bases: a definite M gives metric-learn's factor, the transposed Cholesky factor
     * (upper triangular); a semi-definite one (all bases in one plane of 3-D) still factors exactly.
     */
    @Test
    void activeBasesFactorTheMetricExactly() {
        double r = Math.sqrt(0.5);
        double[][][] bases = {
            {{1, 0, 0}, {r, r, 0}, {0, r, r}},
            {{1, 0, 0}, {r, r, 0}, {0, 1, 0}}};
        double[] w = {2, 3, 5};
        for (int c = 0; c < bases.length; c++) {
            double[][] b = bases[c];
            MahalanobisMetric metric = ScmlLearner.weightsToMetric(new ScmlBasis(b), new ScmlDualAveraging.Result(w, 0, 1, true), 3,
                    FitContext.seeded(0));
            org.metriclab.core.linalg.Matrix m = metric.m();
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double expected = 0;
                    for (int k = 0; k < 3; k++) {
                        expected += w[k] * b[k][i] * b[k][j];
                    }
                    assertEquals(expected, m.get(i, j), 1e-12, "case " + c + ", M[" + i + "][" + j + "]");
                }
            }
            if (c == 0) {
                for (int i = 1; i < 3; i++) {
                    for (int j = 0; j < i; j++) {
                        assertEquals(0, metric.l().get(i, j), 0, "the factor of a definite M is upper triangular");
                    }
                }
            }
        }
    }
}
