package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;
import org.metriclab.core.linalg.SpdManifold;
import org.metriclab.core.linalg.StiefelManifold;

/** Low-rank GMML: the Riemannian gradient, the conjugate-gradient descent and the full-rank limit. */
class LowRankGmmlTest {
    private final Dataset data = Fixtures.gaussians(5, 20, 3, 5, 2.0);
    private final Pairs pairs = new RandomPairs(0).sample(data, new SplittableRandom(2));
    private final LowRankGmmlObjective f = new LowRankGmmlLearner(0, 1e-6, 500, 1e-6).objective(data.x(), pairs);

    /** Records the objective at every iteration and every warning. */
    private static final class Recorder implements Progress {
        final List<Double> costs = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        @Override
        public void iteration(int iteration, double objective) {
            costs.add(objective);
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    }

    private static Matrix random(SplittableRandom r, int rows, int cols) {
        double[] v = r.doubles((long) rows * cols, -1, 1).toArray();
        return Matrix.of(rows, cols, v);
    }

    /** A point of St(d, r) away from the axes: the retraction of a random matrix at the first columns. */
    private static Matrix randomStiefel(SplittableRandom r, int d, int k) {
        StiefelManifold st = new StiefelManifold(d, k);
        return st.retract(st.first(), random(r, d, k));
    }

    /**
     * d/dt f(R_U(tξ_U), R_B(tξ_B)) at t = 0, by central differences, equals ⟨grad f, ξ⟩ in the product
     * metric, for random tangent vectors at a random point.
     */
    @Test
    void riemannianGradientMatchesFiniteDifferencesAlongTheRetraction() {
        SplittableRandom r = new SplittableRandom(9);
        StiefelManifold st = new StiefelManifold(5, 2);
        SpdManifold spd = new SpdManifold(2);
        for (int trial = 0; trial < 5; trial++) {
            Matrix u = randomStiefel(r, 5, 2);
            Matrix g = random(r, 2, 2);
            Matrix b = g.times(g.transpose()).plusIdentity(0.5).scale(1e-3);
            Matrix xu = st.project(u, random(r, 5, 2));
            Matrix xb = spd.project(b, random(r, 2, 2)).scale(1e-3);
            LowRankGmmlObjective.Evaluation e = f.evaluate(u, b);
            double analytic = st.inner(u, st.gradient(u, e.gradU()), xu) + spd.inner(b, spd.gradient(b, e.gradB()), xb);
            double h = 1e-5;
            double plus = f.evaluate(st.retract(u, xu.scale(h)), spd.retract(b, xb.scale(h))).cost();
            double minus = f.evaluate(st.retract(u, xu.scale(-h)), spd.retract(b, xb.scale(-h))).cost();
            double numeric = (plus - minus) / (2 * h);
            assertEquals(analytic, numeric, 1e-6 * Math.abs(analytic), "trial " + trial);
        }
    }

    /** With r = d, started from a random rotation and B = I, the descent reaches GMML's A = S⁻¹ # D. */
    @Test
    void fullRankRecoversGmml() {
        SplittableRandom r = new SplittableRandom(4);
        Matrix u0 = randomStiefel(r, 5, 5);
        Recorder rec = new Recorder();
        LowRankGmmlSolver.Result res = new LowRankGmmlSolver(5000, 1e-10).minimise(f, u0, Matrix.identity(5), rec);
        Matrix w = LowRankGmmlLearner.model(res.at().u(), res.at().b()).m();
        Matrix a = new GmmlLearner(0.5, 1e-6).fit(data.x(), pairs, FitContext.seeded(0)).m();
        assertTrue(w.maxAbsDifference(a) < 1e-6 * a.frobeniusNorm(),
                "UBUᵀ vs GMML: " + w.maxAbsDifference(a) / a.frobeniusNorm() + " after " + res.iterations() + " iterations");
        for (int i = 1; i < rec.costs.size(); i++) {
            assertTrue(rec.costs.get(i) <= rec.costs.get(i - 1), "cost rose at iteration " + (i + 1));
        }
        assertTrue(rec.costs.get(rec.costs.size() - 1) < rec.costs.get(0), "cost decreased");
    }

    /**
     * dims 0 (r = d): in input coordinates the learner is GMML's A = S⁻¹ # D; whitened by D it is GMML of
     * the whitened data (S' = D^{-1/2}SD^{-1/2}, D' = I, so A' = S'^{-1/2}) mapped back, D^{-1/2}A'D^{-1/2}.
     */
    @Test
    void fullRankLearnerIsGmmlOfItsCoordinates() {
        Matrix a = new GmmlLearner(0.5, 1e-6).fit(data.x(), pairs, FitContext.seeded(0)).m();
        Matrix p = Psd.power(f.d(), -0.5);
        Matrix whitened = p.times(Psd.power(p.times(f.s()).times(p).symmetrize(), -0.5)).times(p);
        for (LowRankGmmlLearner.Whitening w : LowRankGmmlLearner.Whitening.values()) {
            Matrix expected = w == LowRankGmmlLearner.Whitening.NONE ? a : whitened;
            Recorder rec = new Recorder();
            Matrix m = new LowRankGmmlLearner(0, 1e-6, 500, 1e-9, w).fit(data.x(), pairs, new FitContext(0, rec)).m();
            assertTrue(m.maxAbsDifference(expected) < 1e-8 * expected.frobeniusNorm(), w + ": "
                    + m.maxAbsDifference(expected) / expected.frobeniusNorm() + " after " + rec.costs.size() + " iterations");
        }
    }

    /**
     * At rank 2 in the input coordinates (where GMML's leading eigenvectors are not stationary) the cost
     * never increases and the descent converges.
     */
    @Test
    void lowRankDescentIsMonotoneAndConverges() {
        Recorder rec = new Recorder();
        LowRankGmmlLearner learner = new LowRankGmmlLearner(2, 1e-6, 2000, 1e-6, LowRankGmmlLearner.Whitening.NONE);
        Matrix l = learner.fit(data.x(), pairs, new FitContext(1, rec)).l();
        assertEquals(2, l.rows());
        assertEquals(5, l.cols());
        assertFalse(rec.costs.isEmpty());
        for (int i = 1; i < rec.costs.size(); i++) {
            assertTrue(rec.costs.get(i) <= rec.costs.get(i - 1), "cost rose at iteration " + (i + 1));
        }
        assertTrue(rec.costs.size() > 2, "the descent moved: " + rec.costs.size() + " iterations");
        assertTrue(rec.costs.get(rec.costs.size() - 1) < rec.costs.get(0), "cost decreased");
        assertTrue(rec.warnings.isEmpty(), "converged without warnings: " + rec.warnings);
    }

    /**
     * Rank 1 in two dimensions: W = c·aaᵀ measures distances along a (any row of W is a multiple of aᵀ),
     * compared with u = (cos θ, sin θ) over a grid of 200,000 angles. Without whitening a = U minimises
     * √(uᵀSu · uᵀDu) over unit u; with whitening a = D^{-1/2}u' for the unit u' minimising
     * u'ᵀD^{-1/2}SD^{-1/2}u', i.e. a minimises the ratio aᵀSa / aᵀDa.
     */
    @Test
    void rankOneDirectionsMatchABruteForceSearch() {
        Dataset two = Fixtures.gaussians(21, 25, 3, 2, 1.5);
        Pairs p2 = new RandomPairs(0).sample(two, new SplittableRandom(6));
        LowRankGmmlObjective input = new LowRankGmmlLearner(1, 1e-6, 2000, 1e-9).objective(two.x(), p2);
        double[][] s = input.s().toRows();
        double[][] d = input.d().toRows();
        double bestProduct = Double.MAX_VALUE;
        double bestRatio = Double.MAX_VALUE;
        double[] productDir = null;
        double[] ratioDir = null;
        for (int k = 0; k < 200_000; k++) {
            double th = Math.PI * k / 200_000;
            double[] u = {Math.cos(th), Math.sin(th)};
            double su = quad(s, u);
            double du = quad(d, u);
            if (su * du < bestProduct) {
                bestProduct = su * du;
                productDir = u;
            }
            if (su / du < bestRatio) {
                bestRatio = su / du;
                ratioDir = u;
            }
        }
        for (LowRankGmmlLearner.Whitening w : LowRankGmmlLearner.Whitening.values()) {
            Matrix m = new LowRankGmmlLearner(1, 1e-6, 2000, 1e-9, w).fit(two.x(), p2, FitContext.seeded(0)).m();
            double[] range = m.row(Math.abs(m.get(0, 0)) >= Math.abs(m.get(1, 1)) ? 0 : 1);
            double norm = Math.hypot(range[0], range[1]);
            double[] expected = w == LowRankGmmlLearner.Whitening.NONE ? productDir : ratioDir;
            double cos = Math.abs(range[0] * expected[0] + range[1] * expected[1]) / norm;
            assertTrue(cos > 1 - 1e-8, w + ": |cos| to the brute-force direction " + cos);
        }
    }

    private static double quad(double[][] m, double[] u) {
        return u[0] * (m[0][0] * u[0] + m[0][1] * u[1]) + u[1] * (m[1][0] * u[0] + m[1][1] * u[1]);
    }

    @Test
    void iterationCapIsWarned() {
        Recorder rec = new Recorder();
        new LowRankGmmlLearner(2, 1e-6, 1, 1e-12, LowRankGmmlLearner.Whitening.NONE).fit(data.x(), pairs, new FitContext(1, rec));
        assertEquals(1, rec.warnings.size(), rec.warnings.toString());
        assertTrue(rec.warnings.get(0).contains("max_iter 1"), rec.warnings.get(0));
    }

    @Test
    void badParametersAreNamedWithTheirRange() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LowRankGmmlLearner(-1, 1e-6, 10, 1e-6))
                .getMessage().contains("dims must be >= 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LowRankGmmlLearner(2, 0, 10, 1e-6))
                .getMessage().contains("reg must be a finite number > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LowRankGmmlLearner(2, 1e-6, 0, 1e-6))
                .getMessage().contains("max_iter must be >= 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LowRankGmmlLearner(2, 1e-6, 10, 2))
                .getMessage().contains("tol must be in (0, 1)"));
    }
}
