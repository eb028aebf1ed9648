package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodecs;

/** LLMA: the step's linear system against a hand solution and brute force, the out-of-sample rule, codec, parameters. */
class LlmaTest {
    private static final Learners CATALOG = Learners.of(List.of(new SpectralCatalog()));

    /** Records warnings and the per-iteration objective. */
    private static final class Recorder implements Progress {
        final List<String> warnings = new ArrayList<>();
        final List<Double> objectives = new ArrayList<>();

        @Override
        public void iteration(int iteration, double objective) {
            objectives.add(objective);
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    }

    @Test
    void twoPointsOnALineMoveTogetherByTheHandSolvedFactor() {
        // x₁ = 0, x₂ = 1, one similar pair, λ = 0, centres at both points. Φ = [[1, e], [e, 1]] with
        // e = exp(−1/(2σ²)); a = φ₁ − φ₂ = (1 − e)(1, −1), H = a aᵀ, μ = r·‖a‖²/2, and
        // B = −(H + μI)⁻¹ a δ = −a δ/(‖a‖² + μ) (a is an eigenvector of H), so
        // y₁ − y₂ = δ (1 − ‖a‖²/(‖a‖² + μ)) = δ (r/2)/(1 + r/2), independent of σ, with the midpoint kept.
        double r = 0.2;
        Dataset two = new Dataset("two", Matrix.of(new double[][] {{0.0}, {1.0}}), Labels.of(0, 0));
        LlmaLearner.Fitted f = new LlmaLearner(0.7, 0.0, 1, 1, 2, r, 1, 1e-3).fitted(two, FitContext.seeded(0));
        Matrix y = f.positions();
        double expected = -1.0 * (r / 2) / (1 + r / 2);
        assertEquals(expected, y.get(0, 0) - y.get(1, 0), 1e-12);
        assertEquals(1.0, y.get(0, 0) + y.get(1, 0), 1e-12);
        double e = Math.exp(-1 / (2 * 0.7 * 0.7));
        double a2 = 2 * (1 - e) * (1 - e);
        double b0 = -(1 - e) * (-1.0) / (a2 + r * a2 / 2);
        Matrix b = f.metric().steps().get(0).translations();
        assertEquals(b0, b.get(0, 0), 1e-12);
        assertEquals(-b0, b.get(1, 0), 1e-12);
    }

    @Test
    void theStepMinimisesTheObjectiveByBruteForce() {
        Dataset data = Fixtures.gaussians(5, 8, 3, 3, 2.0);
        Matrix x = data.x();
        int[][] sim = LlmaLearner.similarPairs(data, 2);
        int[][] edges = LlmaLearner.undirected(SpectralGraph.neighbours(x, 3));
        double lambda = 0.8;
        LlmaProblem problem = new LlmaProblem(x, sim[0], sim[1], edges[0], edges[1], lambda);
        SplittableRandom rnd = new SplittableRandom(3);
        double[] zz = x.toArray();
        for (int i = 0; i < zz.length; i++) {
            zz[i] += 0.3 * rnd.nextGaussian();
        }
        Matrix z = Matrix.of(x.rows(), x.cols(), zz);
        Matrix centres = z.rows(new int[] {0, 3, 6, 9, 12, 15, 18, 21});
        double sigma = 1.5;
        Matrix phi = LlmaStep.features(z, centres, sigma);
        double ridge = 0.01;
        Matrix b = problem.solve(z, phi, ridge);
        double mu = LlmaProblem.absoluteRidge(phi.transpose().times(problem.weighted(phi)), ridge);
        // J written out pair by pair, independently of the Laplacian form the solver uses
        java.util.function.ToDoubleFunction<Matrix> j = bb -> {
            Matrix y = z.plus(phi.times(bb));
            double pull = 0;
            for (int p = 0; p < sim[0].length; p++) {
                pull += sq(y.row(sim[0][p]), y.row(sim[1][p]), null, null);
            }
            double keep = 0;
            for (int p = 0; p < edges[0].length; p++) {
                keep += sq(y.row(edges[0][p]), y.row(edges[1][p]), x.row(edges[0][p]), x.row(edges[1][p]));
            }
            double f2 = bb.frobeniusNorm();
            return pull / sim[0].length + lambda * keep / edges[0].length + mu * f2 * f2;
        };
        double atZero = maxAbsGradient(j, Matrix.zeros(b.rows(), b.cols()));
        double atSolution = maxAbsGradient(j, b);
        assertTrue(atZero > 1e-3, "the start is not already optimal: " + atZero);
        assertTrue(atSolution < 1e-6 * atZero, "finite-difference gradient at the solution " + atSolution + " vs " + atZero);
        double best = j.applyAsDouble(b);
        for (int t = 0; t < 200; t++) {
            double[] e = new double[b.rows() * b.cols()];
            for (int i = 0; i < e.length; i++) {
                e[i] = 0.05 * rnd.nextGaussian();
            }
            assertTrue(j.applyAsDouble(b.plus(Matrix.of(b.rows(), b.cols(), e))) >= best, "a perturbation lowered J");
        }
    }

    @Test
    void trainingRowsMapToTheirFittedPositionsAndFarPointsStay() {
        Dataset data = Fixtures.gaussians(6, 15, 3, 4, 2.0);
        Recorder rec = new Recorder();
        LlmaLearner.Fitted f = new LlmaLearner(0, 1.0, 3, 5, 30, 1e-3, 5, 1e-9).fitted(data, new FitContext(4, rec));
        assertEquals(30, f.metric().steps().get(0).centres().rows(), "centres capped at 30 of 45 rows");
        Matrix moved = f.metric().embed(data.x());
        assertTrue(moved.maxAbsDifference(f.positions()) < 1e-10, "out-of-sample rule differs on training rows");
        assertTrue(f.positions().maxAbsDifference(data.x()) > 0.1, "the fit moved the rows");
        double[] far = {1e3, -1e3, 1e3, 0};
        double[] back = f.metric().embed(far);
        for (int t = 0; t < far.length; t++) {
            assertEquals(far[t], back[t], 1e-12, "a point far from every centre is not translated");
        }
        for (int i = 1; i < rec.objectives.size(); i++) {
            assertTrue(rec.objectives.get(i) <= rec.objectives.get(i - 1) * (1 + 1e-12), "objective rose: " + rec.objectives);
        }
        assertTrue(rec.warnings.stream().anyMatch(w -> w.contains("max_iter = 5")), rec.warnings.toString());
    }

    @Test
    void sameClassNeighboursComeCloserThanOtherClasses() {
        Dataset train = Fixtures.gaussians(7, 20, 3, 3, 2.0);
        Dataset test = Fixtures.gaussians(8, 20, 3, 3, 2.0);
        LearnedMetric m = CATALOG.create("llma", Params.of(Map.of("lambda", 0.5))).fit(train, FitContext.seeded(0));
        double learned = SharedProtocol.knnAccuracy(m.embed(train.x()), train.labels().toArray(), m.embed(test.x()),
                test.labels().toArray(), 1);
        double plain = SharedProtocol.knnAccuracy(train.x(), train.labels().toArray(), test.x(), test.labels().toArray(), 1);
        assertTrue(learned >= plain, "1-NN " + learned + " vs Euclidean " + plain);
    }

    @Test
    void modelsRoundTripAndBadParametersNameThemselves() {
        Dataset train = Fixtures.gaussians(9, 10, 3, 3, 2.0);
        LearnedMetric m = CATALOG.create("llma", Params.empty()).fit(train, FitContext.seeded(0));
        MetricCodecs codecs = MetricCodecs.load();
        LearnedMetric back = codecs.decode(codecs.encode(m));
        Dataset unseen = Fixtures.gaussians(10, 5, 3, 3, 2.0);
        assertEquals(m.embed(unseen.x()), back.embed(unseen.x()), "decoded model embeds identically");
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("sigma", -1.0), Map.of("lambda", -0.5),
                Map.of("pairs", 0), Map.of("k", 0), Map.of("centres", 0), Map.of("ridge", 0.0), Map.of("max_iter", 0),
                Map.of("tol", 0.0))) {
            String key = bad.keySet().iterator().next();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CATALOG.create("llma", Params.of(bad)));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }

    @Test
    void singletonClassesAreAClearError() {
        Dataset distinct = new Dataset("d", Matrix.of(new double[][] {{0, 1}, {1, 0}, {2, 2}}), Labels.of(0, 1, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CATALOG.create("llma", Params.empty()).fit(distinct, FitContext.seeded(0)));
        assertTrue(e.getMessage().contains("two rows"), e.getMessage());
    }

    private static double sq(double[] a, double[] b, double[] a0, double[] b0) {
        double s = 0;
        for (int t = 0; t < a.length; t++) {
            double v = a[t] - b[t] - (a0 == null ? 0 : a0[t] - b0[t]);
            s += v * v;
        }
        return s;
    }

    private static double maxAbsGradient(java.util.function.ToDoubleFunction<Matrix> f, Matrix at) {
        double[] base = at.toArray();
        double max = 0;
        double h = 1e-5;
        for (int i = 0; i < base.length; i++) {
            double[] up = base.clone();
            double[] down = base.clone();
            up[i] += h;
            down[i] -= h;
            double g = (f.applyAsDouble(Matrix.of(at.rows(), at.cols(), up)) - f.applyAsDouble(Matrix.of(at.rows(), at.cols(), down)))
                    / (2 * h);
            max = Math.max(max, Math.abs(g));
        }
        return max;
    }
}
