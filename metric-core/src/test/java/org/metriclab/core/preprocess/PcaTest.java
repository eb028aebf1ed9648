package org.metriclab.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.linalg.Matrix;

class PcaTest {
    static Matrix gaussian(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() * (1 + i % d);
        }
        return Matrix.of(n, d, x);
    }

    /** Absolute values of the projections: components are defined up to sign. */
    static Matrix abs(Matrix m) {
        double[] v = m.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]);
        }
        return Matrix.of(m.rows(), m.cols(), v);
    }

    @Test
    void fewerRowsThanFeaturesGivesTheSameProjectionThroughTheGram() {
        Matrix wide = gaussian(8, 12, 1);
        Pca dual = Pca.fit(wide, 3);
        // the same rows padded with copies (n ≥ d) take the d × d route; the covariance scales by (n−1)
        Matrix padded = Matrix.of(24, 12, concat(wide, wide, wide));
        Pca primal = Pca.fit(padded, 3);
        assertTrue(abs(dual.apply(wide)).maxAbsDifference(abs(primal.apply(wide))) < 1e-8, "same projections up to sign");
        double[] ev = dual.explainedVariance();
        for (double v : ev) {
            assertTrue(v > 0);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pca.fit(wide, 8));
        assertTrue(e.getMessage().contains("span only 7 directions"), e.getMessage());
    }

    @Test
    void tenThousandFeaturesReduceQuickly() {
        Matrix wide = gaussian(60, 10_000, 2);
        long t = System.nanoTime();
        Pca p = Pca.fit(wide, 20);
        double seconds = (System.nanoTime() - t) / 1e9;
        assertEquals(20, p.outputDim());
        assertTrue(seconds < 20, "took " + seconds + " s");
        Matrix z = p.apply(wide);
        double ss = 0;
        for (double v : z.column(0)) {
            ss += v * v;
        }
        assertEquals(p.explainedVariance()[0], ss / 59, 1e-8 * ss, "variance of the first component");
    }

    private static double[] concat(Matrix... parts) {
        int len = 0;
        for (Matrix m : parts) {
            len += m.toArray().length;
        }
        double[] out = new double[len];
        int at = 0;
        for (Matrix m : parts) {
            double[] a = m.toArray();
            System.arraycopy(a, 0, out, at, a.length);
            at += a.length;
        }
        return out;
    }
}
