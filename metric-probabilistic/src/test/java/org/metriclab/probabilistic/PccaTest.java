package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.ParamException;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;

class PccaTest {
    @Test
    void gradientMatchesCentralDifferences() {
        SplittableRandom rng = new SplittableRandom(7);
        int m = 12;
        int d = 5;
        int k = 3;
        double[] v = new double[m * d];
        boolean[] similar = new boolean[m];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        for (int p = 0; p < m; p++) {
            similar[p] = p % 2 == 0;
        }
        double[] l = new double[k * d];
        for (int i = 0; i < l.length; i++) {
            l[i] = 0.4 * rng.nextGaussian();
        }
        PccaObjective f = new PccaObjective(v, m, d, k, similar, 3.0, 0.05);
        double[] g = new double[l.length];
        f.valueAndGradient(l, g);
        double h = 1e-6;
        for (int i = 0; i < l.length; i++) {
            double[] plus = l.clone();
            double[] minus = l.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (f.value(plus) - f.value(minus)) / (2 * h);
            double rel = Math.abs(numeric - g[i]) / Math.max(1e-8, Math.abs(numeric) + Math.abs(g[i]));
            assertTrue(rel < 1e-6, "component " + i + ": analytic " + g[i] + ", numeric " + numeric + ", relative " + rel);
        }
    }

    /**
     * One dissimilar pair along e1 and one similar pair along e2 (unit length). Then
     * f = ½ ℓ_β(1 − M₁₁) + ½ ℓ_β(M₂₂ − 1) + λ tr M, whose minimiser is M₂₂ = 0 and
     * σ(β(1 − M₁₁)) = 2λ, i.e. M₁₁ = 1 − logit(2λ)/β (M₁₂ = 0 since M ⪰ 0).
     */
    @Test
    void reachesTheClosedFormOptimumOfAConstructedCase() {
        double beta = 2.0;
        double lambda = 0.1;
        Matrix x = Matrix.of(new double[][] {{0, 0}, {1, 0}, {0, 1}});
        Pairs pairs = new Pairs(new int[] {0, 0}, new int[] {1, 2}, new boolean[] {false, true});
        MahalanobisMetric metric = new PccaLearner(2, beta, lambda, 2000, 1e-10).fit(x, pairs, FitContext.seeded(0));
        Matrix mm = metric.m();
        double expected = 1 - Math.log(2 * lambda / (1 - 2 * lambda)) / beta;
        assertEquals(expected, mm.get(0, 0), 1e-6);
        assertEquals(0, mm.get(1, 1), 1e-6);
        assertEquals(0, mm.get(0, 1), 1e-6);
    }

    @Test
    void givesALowRankProjectionOfTheRequestedSize() {
        Dataset train = SharedProtocol.prepare("wine").train();
        MahalanobisMetric m = (MahalanobisMetric) PccaLearner.supervised(Params.of(Map.of("dims", 2))).fit(train, FitContext.seeded(0));
        assertEquals(2, m.outputDim());
        assertEquals(train.dim(), m.inputDim());
    }

    @Test
    void separatesTheClassesBetterThanChanceOnWine() {
        double[] acc = SharedProtocol.knnAccuracy(PccaLearner.supervised(Params.of(Map.of("dims", 2))), "wine", 0, 1);
        assertTrue(acc[0] > 0.9, "1-NN accuracy " + acc[0]);
    }

    @Test
    void rejectsBadParametersNamingThem() {
        ParamException e = assertThrows(ParamException.class, () -> PccaLearner.from(Params.of(Map.of("beta", 0))));
        assertTrue(e.getMessage().contains("beta") && e.getMessage().contains("> 0"), e.getMessage());
        e = assertThrows(ParamException.class, () -> PccaLearner.from(Params.of(Map.of("dims", -1))));
        assertTrue(e.getMessage().contains("dims"), e.getMessage());
        Matrix x = Matrix.of(new double[][] {{0, 0}, {1, 0}});
        Pairs one = new Pairs(new int[] {0}, new int[] {1}, new boolean[] {true});
        e = assertThrows(ParamException.class, () -> new PccaLearner(3, 1, 0, 10, 1e-5).fit(x, one, FitContext.seeded(0)));
        assertTrue(e.getMessage().contains("dims") && e.getMessage().contains("2"), e.getMessage());
    }
}
