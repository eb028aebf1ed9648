package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.linalg.Matrix;

/**
 * Low-rank GMML: full rank is GMML's closed form, the envelope gradient against finite differences,
 * rank one against a search over the sphere, and orthonormality kept by the retraction.
 */
class LowRankGmmlTest {
    private static final double REG = 1e-6;

    @Test
    void fullRankIsTheGmmlClosedForm() {
        Dataset data = Fixtures.gaussians(11, 15, 3, 4, 2.0);
        Pairs pairs = Fixtures.allPairs(data);
        Matrix expected = new GmmlLearner(0.5, REG).fit(data.x(), pairs, FitContext.seeded(0)).m();
        Matrix got = new LowRankGmmlLearner(4, REG, 50, 1e-8).fit(data.x(), pairs, FitContext.seeded(0)).m();
        assertTrue(got.maxAbsDifference(expected) < 1e-8 * expected.frobeniusNorm(), got + " vs " + expected);
    }

    @Test
    void envelopeGradientMatchesFiniteDifferences() {
        Dataset data = Fixtures.gaussians(12, 10, 3, 5, 1.5);
        Matrix[] sd = new GmmlLearner(0.5, REG).scatters(data.x(), Fixtures.allPairs(data));
        SplittableRandom r = new SplittableRandom(3);
        double[] u = new double[5 * 2];
        for (int i = 0; i < u.length; i++) {
            u[i] = r.nextGaussian();
        }
        Matrix g = LowRankGmmlLearner.evaluate(sd[0], sd[1], Matrix.of(5, 2, u)).gradient();
        double h = 1e-6;
        double err = 0;
        for (int k = 0; k < u.length; k++) {
            double[] p = u.clone();
            double[] q = u.clone();
            p[k] += h;
            q[k] -= h;
            double fd = (LowRankGmmlLearner.evaluate(sd[0], sd[1], Matrix.of(5, 2, p)).value()
                    - LowRankGmmlLearner.evaluate(sd[0], sd[1], Matrix.of(5, 2, q)).value()) / (2 * h);
            err = Math.max(err, Math.abs(fd - g.toArray()[k]));
        }
        assertTrue(err <= 1e-6 * g.frobeniusNorm(), "finite-difference error " + err + ", gradient norm " + g.frobeniusNorm());
    }

    @Test
    void rankOneMatchesASearchOverTheSphere() {
        Dataset data = Fixtures.gaussians(13, 12, 3, 3, 1.5);
        Pairs pairs = Fixtures.allPairs(data);
        Matrix[] sd = new GmmlLearner(0.5, REG).scatters(data.x(), pairs);
        double best = Double.POSITIVE_INFINITY;
        int steps = 1200;
        for (int a = 0; a <= steps; a++) {
            double theta = Math.PI * a / steps;
            for (int b = 0; b < 2 * steps; b++) {
                double phi = Math.PI * b / steps;
                double[] v = {Math.sin(theta) * Math.cos(phi), Math.sin(theta) * Math.sin(phi), Math.cos(theta)};
                best = Math.min(best, rankOne(sd, v));
            }
        }
        MahalanobisMetric m = new LowRankGmmlLearner(1, REG, 500, 1e-12).fit(data.x(), pairs, FitContext.seeded(0));
        double[] l = m.l().row(0);
        double norm = Math.sqrt(l[0] * l[0] + l[1] * l[1] + l[2] * l[2]);
        double[] u = {l[0] / norm, l[1] / norm, l[2] / norm};
        double found = rankOne(sd, u);
        assertEquals(found, LowRankGmmlLearner.evaluate(sd[0], sd[1], Matrix.of(3, 1, u)).value(), 1e-9 * found,
                "2·√(uᵀSu·uᵀDu) is the reduced objective at rank one");
        assertTrue(found <= best + 1e-9 * best, "conjugate gradient " + found + " vs grid " + best);
        assertTrue(found >= best - 1e-4 * best, "grid " + best + " far below " + found);
    }

    private static double rankOne(Matrix[] sd, double[] u) {
        double su = 0;
        double du = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                su += u[i] * sd[0].get(i, j) * u[j];
                du += u[i] * sd[1].get(i, j) * u[j];
            }
        }
        return 2 * Math.sqrt(su * du);
    }

    @Test
    void retractionKeepsOrthonormalColumnsAndBadParametersNameThemselves() {
        SplittableRandom r = new SplittableRandom(4);
        double[] y = new double[7 * 3];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextGaussian();
        }
        Matrix q = Stiefel.qf(Matrix.of(7, 3, y));
        assertTrue(q.transpose().times(q).maxAbsDifference(Matrix.identity(3)) < 1e-14);
        Matrix z = Matrix.of(7, 3, y.clone());
        Matrix xi = Stiefel.project(q, z);
        Matrix utxi = q.transpose().times(xi);
        assertTrue(utxi.plus(utxi.transpose()).maxAbsDifference(Matrix.zeros(3, 3)) < 1e-12, "tangent: Uᵀξ is skew");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LowRankGmmlLearner(-1, REG, 10, 1e-8)).getMessage()
                .contains("dims"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LowRankGmmlLearner(0, 0, 10, 1e-8)).getMessage()
                .contains("reg"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LowRankGmmlLearner(0, REG, 0, 1e-8)).getMessage()
                .contains("max_iter"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LowRankGmmlLearner(0, REG, 10, 0)).getMessage()
                .contains("tol"));
    }
}
