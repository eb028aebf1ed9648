package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Chunklets;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;

/**
 * RCA on a within-chunklet covariance that is singular up to rounding: the degenerate directions are
 * dropped, not amplified by 1/√(round-off).
 */
class RcaDegenerateTest {
    private static double maxAbs(Matrix m) {
        double s = 0;
        for (double v : m.toArray()) {
            s = Math.max(s, Math.abs(v));
        }
        return s;
    }

    /** Standardised digits, 100 chunks of 2: Ĉ has rank 55–58 of 60 (metric-learn's L is not finite here). */
    @Test
    void digitsWithTooFewChunkletsGivesABoundedAccurateEmbedding() {
        SharedProtocol.Prepared p = SharedProtocol.prepare("digits");
        LearnedMetric m = Learners.of(List.of(new SpectralCatalog())).create("rca", Params.of(Map.of()))
                .fit(p.train(), FitContext.seeded(0));
        double train = maxAbs(m.embed(p.train().x()));
        double test = maxAbs(m.embed(p.test().x()));
        assertTrue(m.outputDim() < 60, "degenerate directions dropped: " + m.outputDim());
        assertTrue(train < 1e4 && test < 1e4, "embedding bounded (inverting round-off gave 8.8e12): " + train + ", " + test);
        double[] acc = SharedProtocol.knnAccuracy(Learners.of(List.of(new SpectralCatalog())).create("rca", Params.of(Map.of())),
                "digits", 0, 1);
        assertTrue(acc[0] > 0.9, "1-NN " + acc[0]);
    }

    /**
     * A rare feature, zero on every chunked row and non-zero on two others (a digits pixel inked in
     * a few images): Ĉ is zero in that direction up to rounding.
     */
    @Test
    void aFeatureConstantOverTheChunkedRowsIsDroppedNotAmplified() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 42;
        double[][] x = new double[n][3];
        int[] chunk = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = r.nextGaussian() * 2;
            x[i][2] = i < 40 ? 1e-14 * r.nextGaussian() : 5.0;
            chunk[i] = i < 40 ? i / 2 : -1;
        }
        MahalanobisMetric m = new RcaLearner(0, 1e-6).fit(Matrix.of(x), new Chunklets(chunk), FitContext.seeded(0));
        assertEquals(2, m.outputDim(), "the round-off direction is not whitened");
        assertTrue(maxAbs(m.l()) < 10, "L stays at the scale of the real within-chunklet spread: " + m.l());
    }

    /** 5 chunklets of 2 cannot span 8 features: a fit failure with the way out, not an accident of the draw. */
    @Test
    void tooFewChunkletsForTheFeaturesAreRefused() {
        SplittableRandom r = new SplittableRandom(4);
        double[][] x = new double[10][8];
        int[] chunk = new int[10];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 8; j++) {
                x[i][j] = r.nextGaussian();
            }
            chunk[i] = i / 2;
        }
        FitException e = assertThrows(FitException.class,
                () -> new RcaLearner(0, 1e-6).fit(Matrix.of(x), new Chunklets(chunk), FitContext.seeded(0)));
        assertTrue(e.getMessage().contains("5 within-chunklet degrees of freedom") && e.hint().contains("chunks"), e.getMessage());
    }
}
