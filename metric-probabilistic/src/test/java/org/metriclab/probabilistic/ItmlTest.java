package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;

class ItmlTest {
    static Matrix points(long seed, int n, int d) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return Matrix.of(n, d, x);
    }

    static Pairs pairs(int n, int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] a = new int[m];
        int[] b = new int[m];
        boolean[] s = new boolean[m];
        for (int k = 0; k < m; k++) {
            a[k] = r.nextInt(n);
            b[k] = (a[k] + 1 + r.nextInt(n - 1)) % n;
            s[k] = k % 2 == 0;
        }
        return new Pairs(a, b, s);
    }

    /** With a huge γ (almost hard constraints) and a feasible problem, every constraint holds after convergence. */
    @Test
    void constraintsHoldAfterConvergence() {
        // two tight clusters apart along feature 0: feasible by stretching feature 0 and shrinking the others
        double[][] rows = points(1, 30, 4).toRows();
        for (int i = 0; i < 30; i++) {
            rows[i][0] = 0.1 * rows[i][0] + (i < 15 ? 0 : 20);
        }
        Matrix x = Matrix.of(rows);
        SplittableRandom r = new SplittableRandom(2);
        int count = 24;
        int[] a = new int[count];
        int[] b = new int[count];
        boolean[] sim = new boolean[count];
        for (int k = 0; k < count; k++) {
            sim[k] = k % 2 == 0;
            a[k] = r.nextInt(15);
            b[k] = sim[k] ? (a[k] + 1 + r.nextInt(14)) % 15 : 15 + r.nextInt(15);
        }
        Pairs p = new Pairs(a, b, sim);
        double upper = 4.0; // similar pairs start near 6 (identity metric)
        double lower = 800.0; // dissimilar pairs start near 406
        ItmlLearner itml = new ItmlLearner(1e6, 20_000, 1e-6, ItmlLearner.Prior.IDENTITY, upper, lower);
        boolean[] converged = {false};
        MahalanobisMetric m = itml.fit(x, p, new FitContext(0, new Progress() {
            @Override
            public void iteration(int i, double o) {
            }

            @Override
            public void finished(int i, double o, boolean c) {
                converged[0] = c;
            }
        }));
        Matrix mm = m.m();
        assertTrue(converged[0], "did not converge");
        for (int k = 0; k < p.size(); k++) {
            double[] v = org.metriclab.core.linalg.Vectors.minus(x.row(p.left(k)), x.row(p.right(k)));
            double dist = org.metriclab.core.linalg.Vectors.dot(v, mm.times(v));
            if (p.isSimilar(k)) {
                assertTrue(dist <= upper * (1 + 1e-3), "similar pair " + k + ": " + dist + " > " + upper);
            } else {
                assertTrue(dist >= lower * (1 - 1e-3), "dissimilar pair " + k + ": " + dist + " < " + lower);
            }
        }
    }

    /** The percentile bounds equal numpy.percentile over the full distance matrix, computed by brute force. */
    @Test
    void percentileBoundsMatchABruteForceFullMatrixPercentile() {
        Matrix x = points(3, 12, 3);
        Pairs p = pairs(12, 15, 4);
        double[] bounds = ItmlLearner.percentileBounds(x.toArray(), 3, p, FitContext.seeded(0));
        int[] rows = java.util.stream.IntStream.concat(Arrays.stream(p.left()), Arrays.stream(p.right())).distinct().sorted().toArray();
        List<Double> all = new ArrayList<>();
        for (int i : rows) {
            for (int j : rows) {
                all.add(Math.sqrt(org.metriclab.core.linalg.Vectors.squaredDistance(x.row(i), x.row(j))));
            }
        }
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        assertEquals(numpyPercentile(sorted, 5), bounds[0], 1e-12);
        assertEquals(numpyPercentile(sorted, 95), bounds[1], 1e-12);
    }

    private static double numpyPercentile(double[] sorted, double q) {
        double pos = q / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    @Test
    void warnsWhenTheSweepCapIsReached() {
        Matrix x = points(5, 40, 5);
        List<String> warnings = new ArrayList<>();
        new ItmlLearner(1.0, 1, 1e-12, ItmlLearner.Prior.IDENTITY, 0, 0).fit(x, pairs(40, 40, 6), new FitContext(0, new Progress() {
            @Override
            public void iteration(int i, double o) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        }));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("max_iter=1"), warnings.get(0));
    }

    @Test
    void rejectsBadParametersAndPairs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ItmlLearner.from(Params.of(java.util.Map.of("gamma", -1))));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ItmlLearner(1, 10, 1e-3, ItmlLearner.Prior.IDENTITY, 5, 2));
        Matrix x = points(7, 5, 2);
        assertThrows(IllegalArgumentException.class, () -> new ItmlLearner(1, 10, 1e-3, ItmlLearner.Prior.IDENTITY, 0, 0)
                .fit(x, new Pairs(new int[] {0}, new int[] {9}, new boolean[] {true}), FitContext.seeded(0)));
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> new ItmlLearner(1, 10, 1e-3,
                ItmlLearner.Prior.IDENTITY, 0, 0).fit(x, new Pairs(new int[] {1}, new int[] {1}, new boolean[] {true}), FitContext.seeded(0)));
        assertFalse(same.getMessage().isBlank());
    }

    /** The flat-array LogDet divergence against eigenvalues: D_ld(A, I) = Σ (λ − log λ − 1). */
    @Test
    void logDetDivergenceMatchesTheSpectralFormula() {
        Matrix x = points(9, 10, 4);
        Matrix a = x.gram().scale(0.1).plusIdentity(0.5);
        double expected = 0;
        for (double lam : org.metriclab.core.linalg.Eigen.symmetric(a).values()) {
            expected += lam - Math.log(lam) - 1;
        }
        assertEquals(expected, ItmlLearner.logDetDivergence(a.toArray(), Matrix.identity(4).toArray(), 0.0, 4), 1e-10);
        assertTrue(Double.isNaN(ItmlLearner.logDetDivergence(Matrix.identity(4).scale(-1).toArray(), Matrix.identity(4).toArray(), 0.0, 4)));
    }
}
