package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;

/** GMML with a prior A₀: A = (S + λA₀⁻¹)⁻¹ #_t (D + λA₀), against hand-computed and first-order answers. */
class GmmlPriorTest {
    private final Dataset data = Fixtures.gaussians(11, 20, 3, 4, 2.5);
    private final Pairs pairs = new RandomPairs(0).sample(data, new java.util.SplittableRandom(8));

    /**
     * Axis-aligned differences make S = diag(1, 4) and D = diag(9, 1) (plus the ridge), which commute,
     * so S⁻¹ #_t D = S^{-(1-t)} D^t entry by entry; with the identity prior each diagonal entry gains
     * λ = lambda · (4 pairs)/2.
     */
    @Test
    void commutingScattersGiveTheScalarGeometricMean() {
        Matrix x = Matrix.of(new double[][] {{0, 0}, {1, 0}, {0, 2}, {3, 0}, {0, 1}});
        Pairs p = new Pairs(new int[] {0, 0, 0, 0}, new int[] {1, 2, 3, 4}, new boolean[] {true, true, false, false});
        double reg = 1e-9;
        double ridge = reg * (5 + 10) / 4.0;
        for (double t : new double[] {0.5, 0.2, 0.9}) {
            for (double lambda : new double[] {0, 0.75}) {
                Matrix a = new GmmlLearner(t, reg, 0, GmmlPrior.IDENTITY, lambda).fit(x, p, FitContext.seeded(0)).m();
                double[] s = {1, 4};
                double[] d = {9, 1};
                for (int i = 0; i < 2; i++) {
                    double si = s[i] + ridge + 2 * lambda;
                    double di = d[i] + ridge + 2 * lambda;
                    double expected = Math.pow(si, -(1 - t)) * Math.pow(di, t);
                    assertEquals(expected, a.get(i, i), 1e-9 * expected, "t " + t + ", lambda " + lambda + ", A_" + i + i);
                }
                assertEquals(0, a.get(0, 1), 1e-12, "off-diagonal");
            }
        }
    }

    @Test
    void zeroLambdaIsThePlainClosedForm() {
        Matrix plain = new GmmlLearner(0.5, 1e-6).fit(data.x(), pairs, FitContext.seeded(0)).m();
        for (GmmlPrior prior : GmmlPrior.values()) {
            Matrix a = new GmmlLearner(0.5, 1e-6, 0, prior, 0.0).fit(data.x(), pairs, FitContext.seeded(0)).m();
            assertEquals(plain, a, prior + " with lambda 0");
        }
        Matrix weighted = new GmmlLearner(0.5, 1e-6, 0, GmmlPrior.COVARIANCE, 3.0).fit(data.x(), pairs, FitContext.seeded(0)).m();
        assertTrue(weighted.maxAbsDifference(plain) > 1e-3 * plain.frobeniusNorm(), "a positive lambda changes A");
    }

    /**
     * t = ½ with the covariance prior: the gradient of tr(AS) + tr(A⁻¹D) + λ(tr(AΣ) + tr(A⁻¹Σ⁻¹)),
     * S − A⁻¹DA⁻¹ + λ(Σ − A⁻¹Σ⁻¹A⁻¹), vanishes at the returned A, with S, D and Σ built here by brute force.
     */
    @Test
    void covariancePriorSolvesTheRegularisedProblem() {
        double lambda = 2.0;
        double reg = 1e-9;
        Matrix a = new GmmlLearner(0.5, reg, 0, GmmlPrior.COVARIANCE, lambda).fit(data.x(), pairs, FitContext.seeded(0)).m();
        Matrix s = Matrix.of(Fixtures.bruteScatter(data.x(), pairs, true));
        Matrix d = Matrix.of(Fixtures.bruteScatter(data.x(), pairs, false));
        double[][] rows = data.x().toRows();
        int n = rows.length;
        double[] mean = new double[4];
        for (double[] r : rows) {
            for (int j = 0; j < 4; j++) {
                mean[j] += r[j] / n;
            }
        }
        double[][] cov = new double[4][4];
        for (double[] r : rows) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    cov[i][j] += (r[i] - mean[i]) * (r[j] - mean[j]) / (n - 1);
                }
            }
        }
        Matrix sigma = Matrix.of(cov);
        double w = lambda * pairs.size() / 2.0;
        Matrix ai = Psd.inverse(a);
        Matrix grad = s.minus(ai.times(d).times(ai)).plus(sigma.minus(ai.times(Psd.inverse(sigma)).times(ai)).scale(w));
        assertTrue(grad.frobeniusNorm() < 1e-6 * s.frobeniusNorm(), "gradient " + grad.frobeniusNorm() + " vs ‖S‖ " + s.frobeniusNorm());
        Matrix strong = new GmmlLearner(0.5, reg, 0, GmmlPrior.COVARIANCE, 1e9).fit(data.x(), pairs, FitContext.seeded(0)).m();
        Matrix a0 = Psd.inverse(sigma);
        assertTrue(strong.maxAbsDifference(a0) < 1e-4 * a0.frobeniusNorm(), "a dominant prior returns A₀ = Σ⁻¹");
    }

    @Test
    void badPriorSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GmmlLearner(0.5, 1e-6, 0, GmmlPrior.IDENTITY, -1));
        assertTrue(e.getMessage().contains("lambda") && e.getMessage().contains(">= 0"), e.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> GmmlLearner.from(Params.of(Map.of("prior", "bogus"))));
        assertTrue(p.getMessage().contains("prior"), p.getMessage());
    }
}
