package org.metriclab.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EigenTruncationTest {
    /** Q diag(values) Qᵀ for a fixed rotation Q. */
    static Matrix rotated(double... values) {
        Matrix q = Eigen.symmetric(DecompositionsTest.randomSpd(values.length, 11)).vectors();
        return q.times(Matrix.diagonal(values)).times(q.transpose()).symmetrize();
    }

    static double maxAbs(Matrix m) {
        double s = 0;
        for (double v : m.toArray()) {
            s = Math.max(s, Math.abs(v));
        }
        return s;
    }

    @Test
    void whiteningDropsRoundOffDirectionsInsteadOfAmplifyingThem() {
        Matrix m = rotated(4, 1, 1e-18, 0);
        Matrix w = EigenTruncation.DEFAULT.whitening(m);
        assertEquals(2, w.rows(), "only the two real directions are whitened");
        assertTrue(w.times(m).times(w.transpose()).maxAbsDifference(Matrix.identity(2)) < 1e-12, "W M Wᵀ = I");
        assertTrue(maxAbs(w) <= 1.0 + 1e-12, "no 1/√(1e-18) entries: " + maxAbs(w));
        assertTrue(maxAbs(EigenTruncation.DEFAULT.inverseSqrt(m)) <= 1.0 + 1e-12);
    }

    @Test
    void fullRankMatchesTheExactFunctions() {
        Matrix m = DecompositionsTest.randomSpd(5, 3);
        assertTrue(EigenTruncation.DEFAULT.inverseSqrt(m).maxAbsDifference(Psd.apply(m, v -> 1 / Math.sqrt(v))) < 1e-10);
        assertTrue(EigenTruncation.DEFAULT.pseudoInverse(m).times(m).maxAbsDifference(Matrix.identity(5)) < 1e-9);
        Matrix w = EigenTruncation.DEFAULT.whitening(m);
        assertTrue(w.gram().maxAbsDifference(Psd.inverse(m)) < 1e-9 * Psd.inverse(m).frobeniusNorm(), "WᵀW = M⁻¹");
    }

    @Test
    void pseudoInverseOfASingularMatrixIsTheMoorePenroseOne() {
        Matrix m = rotated(3, 2, 1e-14);
        Matrix p = EigenTruncation.DEFAULT.pseudoInverse(m);
        assertTrue(m.times(p).times(m).maxAbsDifference(m) < 1e-12, "M M⁺ M = M");
        assertTrue(maxAbs(p) < 1, "1/1e-14 is not part of it: " + maxAbs(p));
    }

    @Test
    void toleranceIsRelativeToTheLargestEigenvalue() {
        double[] spectrum = {1e6, 1e-3, 1e-5};
        assertEquals(2, new EigenTruncation(1e-10).rank(spectrum));
        assertEquals(1, new EigenTruncation(1e-8).rank(spectrum));
        assertEquals(2, new EigenTruncation(1e-10).rank(new double[] {1e-6, 1e-9, 1e-17}), "scale-free");
        assertEquals(0, EigenTruncation.DEFAULT.rank(new double[] {0, 0}));
        assertThrows(ArithmeticException.class, () -> EigenTruncation.DEFAULT.whitening(Matrix.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> new EigenTruncation(1.0));
        assertThrows(IllegalArgumentException.class, () -> new EigenTruncation(Double.NaN));
    }

    @Test
    void unitFreeWhiteningKeepsSmallUnitsAndDropsDependentDirections() {
        // features in 1e-6, 1 and 1e6 units, plus a fourth equal to the sum of the first two (rank 3)
        double[] unit = {1e-6, 1, 1e6};
        double[][] g = {{1, 0.2, -0.5}, {0.3, -1, 0.4}, {-0.7, 0.5, 1}, {0.2, 0.9, -0.3}, {1.1, -0.4, 0.6}};
        double[][] rows = new double[g.length][4];
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < 3; j++) {
                rows[i][j] = g[i][j] * unit[j];
            }
            rows[i][3] = rows[i][0] + rows[i][1];
        }
        Matrix m = Matrix.of(rows).gram();
        EigenTruncation.UnitFreeWhitening w = EigenTruncation.DEFAULT.unitFreeWhitening(m);
        assertEquals(3, w.whitening().rows(), "the 1e-12 variance is kept, the dependent direction dropped");
        Matrix ident = w.whitening().times(m).times(w.whitening().transpose());
        assertTrue(ident.maxAbsDifference(Matrix.identity(3)) < 1e-9, "W m Wᵀ = I: " + ident);
        assertTrue(w.colouring().times(w.whitening().transpose()).maxAbsDifference(Matrix.identity(3)) < 1e-9, "C Wᵀ = I");
        assertTrue(EigenTruncation.DEFAULT.whitening(m).rows() < 3, "the plain whitening cuts the small units as round-off");
        assertThrows(ArithmeticException.class, () -> EigenTruncation.DEFAULT.unitFreeWhitening(Matrix.zeros(2, 2)));
    }
}
