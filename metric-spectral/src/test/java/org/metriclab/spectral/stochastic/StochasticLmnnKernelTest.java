package org.metriclab.spectral.stochastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.RowSource;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.stochastic.Batch;
import org.metriclab.core.stochastic.LinearEmbedding;

/** The stochastic LMNN term and its gradient: against its definition and central finite differences. */
class StochasticLmnnKernelTest {
    private static final int N = 12;
    private static final int D = 3;
    private static final int P = 2;
    private static final int[] CLASSES = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2};

    private static RowSource data() {
        SplittableRandom r = new SplittableRandom(11);
        double[] x = new double[N * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return RowSource.of(Matrix.of(N, D, x));
    }

    private static double[] transformation() {
        SplittableRandom r = new SplittableRandom(12);
        double[] l = new double[P * D];
        for (int k = 0; k < l.length; k++) {
            l[k] = 0.7 * r.nextGaussian();
        }
        return l;
    }

    /** Every other row as a candidate; targets are the same-class rows among them. */
    private static Batch.Candidates batch() {
        int[] q = {0, 4, 8, 10};
        int[][] c = new int[q.length][];
        for (int a = 0; a < q.length; a++) {
            int self = q[a];
            c[a] = java.util.stream.IntStream.range(0, N).filter(j -> j != self).toArray();
        }
        return new Batch.Candidates(q, c);
    }

    private static double value(double[] l) {
        return new LmnnGradients(data(), new LmnnLoss(CLASSES, 0.3)).accumulate(l, P, batch(), new double[P * D]);
    }

    @Test
    void termFollowsTheDefinition() {
        double[] l = transformation();
        RowSource x = data();
        double expected = 0;
        for (int i : batch().queries()) {
            double[] zi = embed(x, i, l);
            for (int t = 0; t < N; t++) {
                if (t == i || CLASSES[t] != CLASSES[i]) {
                    continue;
                }
                double dt = dist(zi, embed(x, t, l));
                expected += 0.3 * dt;
                for (int o = 0; o < N; o++) {
                    if (CLASSES[o] != CLASSES[i]) {
                        expected += 0.7 * Math.max(0, 1 + dt - dist(zi, embed(x, o, l)));
                    }
                }
            }
        }
        assertEquals(expected, value(l), 1e-12 * Math.max(1, expected));
    }

    @Test
    void gradientMatchesCentralDifferences() {
        double[] l = transformation();
        double[] g = new double[P * D];
        new LmnnGradients(data(), new LmnnLoss(CLASSES, 0.3)).accumulate(l, P, batch(), g);
        double worst = 0;
        double scale = 0;
        for (int k = 0; k < l.length; k++) {
            double h = 1e-6;
            double[] a = l.clone();
            double[] b = l.clone();
            a[k] += h;
            b[k] -= h;
            double fd = (value(a) - value(b)) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - g[k]));
            scale = Math.max(scale, Math.abs(fd));
        }
        assertTrue(worst <= 1e-6 * Math.max(1, scale), "max |g − fd| = " + worst + " (scale " + scale + ")");
    }

    private static double[] embed(RowSource x, int i, double[] l) {
        double[] row = x.gather(new int[] {i});
        return LinearEmbedding.embed(row, 1, D, l, P);
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return s;
    }
}
