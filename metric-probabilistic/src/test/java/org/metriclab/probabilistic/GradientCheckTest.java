package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.RowPairs;
import org.metriclab.probabilistic.optim.Objective;

/** Every differentiable objective against central finite differences (relative error < 1e-6). */
class GradientCheckTest {
    private static final int N = 14;
    private static final int D = 4;

    private static Matrix data(long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[N * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = scale * r.nextGaussian();
        }
        return Matrix.of(N, D, x);
    }

    private static int[] labels() {
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = i % 3;
        }
        return y;
    }

    private static double[] random(int size, long seed, double scale, double diagonal, int d) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = scale * r.nextGaussian();
        }
        for (int a = 0; a < d && a * d + a < size; a++) {
            v[a * d + a] += diagonal;
        }
        return v;
    }

    /** max_k |g_k − fd_k| / max(‖fd‖_∞, 1e-8), with central differences of step h·max(1, |x_k|). */
    static double relativeError(Objective f, double[] x, double h) {
        double[] g = new double[x.length];
        f.valueAndGradient(x.clone(), g);
        double maxErr = 0;
        double maxFd = 0;
        for (int k = 0; k < x.length; k++) {
            double step = h * Math.max(1, Math.abs(x[k]));
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[k] += step;
            xm[k] -= step;
            double fd = (f.value(xp) - f.value(xm)) / (2 * step);
            maxErr = Math.max(maxErr, Math.abs(fd - g[k]));
            maxFd = Math.max(maxFd, Math.abs(fd));
        }
        return maxErr / Math.max(maxFd, 1e-8);
    }

    @Test
    void ncaFullRank() {
        NcaObjective f = new NcaObjective(data(1, 0.7), labels(), D, 0.0);
        double err = relativeError(f, random(D * D, 2, 0.3, 1.0, D), 1e-5);
        assertTrue(err < 1e-6, "NCA gradient relative error " + err);
    }

    @Test
    void ncaLowRankRegularised() {
        NcaObjective f = new NcaObjective(data(3, 0.7), labels(), 2, 0.05);
        double err = relativeError(f, random(2 * D, 4, 0.5, 0.0, D), 1e-5);
        assertTrue(err < 1e-6, "NCA (p=2, λ>0) gradient relative error " + err);
    }

    @Test
    void mlkrWithRealTargets() {
        SplittableRandom r = new SplittableRandom(5);
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = r.nextGaussian();
        }
        MlkrObjective f = new MlkrObjective(data(6, 0.6), y, 3);
        double err = relativeError(f, random(3 * D, 7, 0.5, 0.0, D), 1e-5);
        assertTrue(err < 1e-6, "MLKR gradient relative error " + err);
    }

    @Test
    void mcmlInM() {
        McmlObjective f = new McmlObjective(data(8, 0.6), labels());
        double[] m = random(D * D, 9, 0.1, 1.0, D);
        double[] sym = Matrix.of(D, D, m).symmetrize().toArray();
        // f reads the symmetric part of M, and its gradient is symmetric, so one-entry perturbations match
        double err = relativeError(f, sym, 1e-5);
        assertTrue(err < 1e-6, "MCML gradient relative error " + err);
    }

    @Test
    void ldmlInWAndThreshold() {
        Matrix x = data(10, 0.8);
        int[] left = {0, 1, 2, 3, 4, 5, 6, 7};
        int[] right = {3, 4, 5, 6, 7, 8, 9, 10};
        boolean[] sim = {true, false, true, false, true, false, true, false};
        double[] v = new RowPairs(left, right).differences(x).toArray();
        LdmlObjective f = new LdmlObjective(v, left.length, D, sim, 0.01);
        double[] w = random(D * D + 1, 11, 0.2, 1.0, D);
        double err = relativeError(f, w, 1e-5);
        assertTrue(err < 1e-6, "LDML gradient relative error " + err);
    }
}
