package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.RowPairs;

/**
 * LDML's low-rank (ERM) parameterisation: the factor gradient against finite differences, and with
 * dims = d the same optimum as the full-rank projected-gradient solver reaches.
 */
class LdmlLowRankTest {
    private static Pairs allPairs(Dataset data) {
        int n = data.size();
        int m = n * (n - 1) / 2;
        int[] a = new int[m];
        int[] b = new int[m];
        boolean[] s = new boolean[m];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                a[k] = i;
                b[k] = j;
                s[k++] = data.labels().get(i) == data.labels().get(j);
            }
        }
        return new Pairs(a, b, s);
    }

    @Test
    void factorGradientMatchesFiniteDifferences() {
        Dataset data = LearnerBehaviourTest.blobs(1, 18, 4, 1.5);
        Pairs pairs = allPairs(data);
        double[] v = new RowPairs(pairs.left(), pairs.right()).differences(data.x()).toArray();
        LowRankLdmlObjective f = new LowRankLdmlObjective(new LdmlObjective(v, pairs.size(), 4, pairs.similar(), 0.01), 2, 4);
        SplittableRandom r = new SplittableRandom(2);
        double[] x = new double[2 * 4 + 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.5 * r.nextGaussian();
        }
        x[8] = 2.0;
        double[] g = new double[x.length];
        f.valueAndGradient(x, g);
        double h = 1e-6;
        double err = 0;
        double norm = 0;
        for (int k = 0; k < x.length; k++) {
            double[] p = x.clone();
            double[] q = x.clone();
            p[k] += h;
            q[k] -= h;
            err = Math.max(err, Math.abs((f.value(p) - f.value(q)) / (2 * h) - g[k]));
            norm = Math.max(norm, Math.abs(g[k]));
        }
        assertTrue(err <= 1e-6 * norm, "finite-difference error " + err + " for gradient scale " + norm);
    }

    @Test
    void fullDimensionFactorReachesTheConvexOptimum() {
        Dataset data = LearnerBehaviourTest.blobs(3, 24, 3, 1.5);
        Pairs pairs = allPairs(data);
        double[] v = new RowPairs(pairs.left(), pairs.right()).differences(data.x()).toArray();
        LdmlObjective f = new LdmlObjective(v, pairs.size(), 3, pairs.similar(), 0.01);
        MahalanobisMetric full = new LdmlLearner(0.01, 20000, 1e-12, 1.0, 0).fit(data.x(), pairs, FitContext.seeded(0));
        MahalanobisMetric factor = new LdmlLearner(0.01, 20000, 1e-9, 1.0, 3).fit(data.x(), pairs, FitContext.seeded(0));
        assertEquals(3, factor.outputDim());
        assertTrue(factor.m().maxAbsDifference(full.m()) < 1e-4 * full.m().frobeniusNorm(), factor.m() + " vs " + full.m());
        MahalanobisMetric rank1 = new LdmlLearner(0.01, 20000, 1e-9, 1.0, 1).fit(data.x(), pairs, FitContext.seeded(0));
        assertEquals(1, rank1.outputDim());
        double fullValue = optimumValue(f, full.m(), data, pairs);
        double rank1Value = optimumValue(f, rank1.m(), data, pairs);
        assertTrue(rank1Value >= fullValue - 1e-9, "a rank-one metric cannot beat the convex optimum: " + rank1Value + " < " + fullValue);
    }

    /** The objective at W with the best threshold b (a one-dimensional convex search). */
    private static double optimumValue(LdmlObjective f, Matrix w, Dataset data, Pairs pairs) {
        double[] x = Arrays.copyOf(w.toArray(), 10);
        double lo = -50;
        double hi = 50;
        for (int it = 0; it < 200; it++) {
            double a = lo + (hi - lo) / 3;
            double b = hi - (hi - lo) / 3;
            x[9] = a;
            double fa = f.value(x);
            x[9] = b;
            if (fa < f.value(x)) {
                hi = b;
            } else {
                lo = a;
            }
        }
        x[9] = (lo + hi) / 2;
        return f.value(x);
    }

    @Test
    void dimsAboveTheFeaturesOrNegativeIsRejectedByName() {
        Dataset data = LearnerBehaviourTest.blobs(4, 12, 3, 1.5);
        Learners reg = Learners.of(java.util.List.of(new ProbabilisticCatalog()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> reg.create("ldml", Params.of(java.util.Map.of("dims", -1))))
                .getMessage().contains("dims"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LdmlLearner(1e-3, 10, 1e-5, 1, 4).fit(data.x(), allPairs(data), FitContext.seeded(0))).getMessage()
                .contains("dims"));
    }
}
