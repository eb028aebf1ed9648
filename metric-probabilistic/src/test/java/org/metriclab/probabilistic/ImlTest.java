package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;

/**
 * IML: the subgradient against finite differences, the one-dimensional optimum against a brute-force
 * search, M = I when every constraint already holds, and the k-NN pairs against a sort.
 */
class ImlTest {
    private static Matrix gaussian(long seed, int n, int d, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = scale * r.nextGaussian();
        }
        return Matrix.of(n, d, x);
    }

    private static Pairs alternating(int n) {
        int m = n - 1;
        int[] l = new int[m];
        int[] r = new int[m];
        boolean[] s = new boolean[m];
        for (int k = 0; k < m; k++) {
            l[k] = k;
            r[k] = k + 1;
            s[k] = k % 3 == 0;
        }
        return new Pairs(l, r, s);
    }

    @Test
    void subgradientMatchesFiniteDifferencesAwayFromTheKinks() {
        int d = 4;
        Matrix x = gaussian(1, 16, d, 0.6);
        Pairs pairs = alternating(16);
        ImlObjective f = new ImlLearner(0.3, 1.0, 0.05, 10, 1e-6, 1).objective(x, pairs);
        SplittableRandom r = new SplittableRandom(2);
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double v = 0.3 * r.nextGaussian() + (i == j ? 1 : 0);
                m[i * d + j] = v;
                m[j * d + i] = v;
            }
        }
        double[] g = new double[d * d];
        f.valueAndGradient(m, g);
        double h = 1e-6;
        double err = 0;
        double norm = 0;
        for (int k = 0; k < d * d; k++) {
            double[] p = m.clone();
            double[] q = m.clone();
            p[k] += h;
            q[k] -= h;
            double fd = (f.value(p) - f.value(q)) / (2 * h);
            err = Math.max(err, Math.abs(fd - g[k]));
            norm = Math.max(norm, Math.abs(g[k]));
        }
        assertTrue(norm > 0.01, "some hinge is active");
        assertTrue(err <= 1e-6 * norm, "finite-difference error " + err + " for gradient scale " + norm);
    }

    @Test
    void oneDimensionalOptimumMatchesABruteForceSearch() {
        Matrix x = gaussian(3, 30, 1, 1.0);
        Pairs pairs = alternating(30);
        for (double a : new double[] {0.5, 0.2, 0.9}) {
            ImlLearner learner = new ImlLearner(a, 0.5, 0.05, 5000, 1e-12, 1);
            ImlObjective f = learner.objective(x, pairs);
            double best = Double.POSITIVE_INFINITY;
            double argBest = 0;
            for (int i = 0; i <= 40_000; i++) {
                double w = i * 1e-4;
                double v = f.value(new double[] {w});
                if (v < best) {
                    best = v;
                    argBest = w;
                }
            }
            MahalanobisMetric fit = learner.fit(x, pairs, FitContext.seeded(0));
            double w = fit.m().get(0, 0);
            assertEquals(argBest, w, 2e-4, "a = " + a + ": brute-force minimiser");
            assertTrue(f.value(new double[] {w}) <= best + 1e-8, "a = " + a + ": objective " + f.value(new double[] {w}) + " vs " + best);
        }
    }

    @Test
    void satisfiedConstraintsLeaveTheIdentity() {
        double[][] rows = {{0, 0}, {0.5, 0}, {3, 0}, {3, 0.5}};
        Pairs pairs = new Pairs(new int[] {0, 2, 0, 1}, new int[] {1, 3, 2, 3}, new boolean[] {true, true, false, false});
        MahalanobisMetric m = new ImlLearner(0.5, 1.0, 0.1, 100, 1e-9, 1).fit(Matrix.of(rows), pairs, FitContext.seeded(0));
        assertTrue(m.m().maxAbsDifference(Matrix.identity(2)) < 1e-12, m.m().toString());
    }

    @Test
    void neighbourPairsAreTheNearestSameAndOtherClassRows() {
        Matrix x = gaussian(4, 25, 3, 1.0);
        int[] y = new int[25];
        for (int i = 0; i < 25; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
        }
        Dataset data = new Dataset("imbalanced", x, Labels.of(y));
        int k = 2;
        Pairs p = new NeighbourPairs(k).sample(data, new SplittableRandom(0));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            int self = i;
            for (boolean same : new boolean[] {true, false}) {
                Integer[] others = java.util.stream.IntStream.range(0, 25).filter(j -> j != self && (y[j] == y[self]) == same)
                        .boxed().sorted(Comparator.comparingDouble(j -> squared(x.row(self), x.row(j)))).toArray(Integer[]::new);
                for (int t = 0; t < k; t++) {
                    String key = Math.min(i, others[t]) + "-" + Math.max(i, others[t]) + (same ? "S" : "D");
                    if (!expected.contains(key)) {
                        expected.add(key);
                    }
                }
            }
        }
        List<String> got = new ArrayList<>();
        for (int c = 0; c < p.size(); c++) {
            got.add(p.left(c) + "-" + p.right(c) + (p.isSimilar(c) ? "S" : "D"));
        }
        String[] e = expected.toArray(String[]::new);
        String[] g = got.toArray(String[]::new);
        Arrays.sort(e);
        Arrays.sort(g);
        assertArrayEquals(e, g);
    }

    private static double squared(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    @Test
    void badParametersNameThemselves() {
        Learners reg = Learners.of(List.of(new ProbabilisticCatalog()));
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("a", 1.5), Map.of("margin", -1.0), Map.of("lambda", 0.0),
                Map.of("max_iter", 0), Map.of("tol", 0.0), Map.of("step", -1.0), Map.of("k", 0))) {
            String key = bad.keySet().iterator().next();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reg.create("iml", Params.of(bad)));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }
}
