package org.metriclab.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecompositionsTest {
    static Matrix randomSpd(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        return Matrix.of(n, n, a).gram().plusIdentity(0.5);
    }

    @Test
    void symmetricEigenReconstructsAndSortsDescending() {
        Matrix a = randomSpd(6, 1);
        EigenPairs e = Eigen.symmetric(a);
        for (int k = 1; k < e.size(); k++) {
            assertTrue(e.value(k - 1) >= e.value(k));
        }
        Matrix v = e.vectors();
        Matrix rec = v.times(Matrix.diagonal(e.values())).times(v.transpose());
        assertTrue(rec.maxAbsDifference(a) < 1e-10);
        assertTrue(v.transpose().times(v).maxAbsDifference(Matrix.identity(6)) < 1e-12);
    }

    @Test
    void generalizedEigenSatisfiesAvEqualsLambdaBvAndBOrthonormality() {
        for (int n : new int[] {1, 2, 7, 33}) {
            Matrix a = randomSpd(n, 2).minus(Matrix.identity(n).scale(3));
            Matrix b = randomSpd(n, 3);
            EigenPairs e = Eigen.generalized(a, b);
            Matrix v = e.vectors();
            Matrix av = a.times(v);
            Matrix bvl = b.times(v).times(Matrix.diagonal(e.values()));
            double scale = Math.max(1.0, a.frobeniusNorm());
            assertTrue(av.maxAbsDifference(bvl) < 1e-9 * scale, n + ": A V = B V Λ");
            assertTrue(v.transpose().times(b).times(v).maxAbsDifference(Matrix.identity(n)) < 1e-9, n + ": Vᵀ B V = I");
            for (int k = 1; k < n; k++) {
                assertTrue(e.value(k - 1) >= e.value(k), n + ": descending");
            }
            // B = I: the ordinary symmetric eigenvalues
            assertTrue(maxAbs(Eigen.generalized(a, Matrix.identity(n)).values(), Eigen.symmetric(a).values()) < 1e-9 * scale,
                    n + ": B = I gives the symmetric spectrum");
        }
    }

    private static double maxAbs(double[] x, double[] y) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    @Test
    void generalizedEigenRejectsSingularBUnlessARidgeIsGiven() {
        Matrix a = randomSpd(3, 4);
        Matrix b = Matrix.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 0}});
        ArithmeticException ex = assertThrows(ArithmeticException.class, () -> Eigen.generalized(a, b));
        assertTrue(ex.getMessage().contains("ridge"));
        assertEquals(3, Eigen.generalized(a, b, 1e-3).size());
    }

    @Test
    void psdFactorAndProjection() {
        Matrix m = randomSpd(5, 5);
        Matrix l = Psd.factor(m);
        assertTrue(l.gram().maxAbsDifference(m) < 1e-10, "LᵀL = M");
        Matrix indefinite = Matrix.diagonal(2, -1, 0.5);
        assertThrows(IllegalArgumentException.class, () -> Psd.factor(indefinite));
        assertTrue(Psd.project(indefinite).maxAbsDifference(Matrix.diagonal(2, 0, 0.5)) < 1e-12);
    }

    @Test
    void geometricMeanSolvesRiccatiEquation() {
        Matrix a = randomSpd(4, 6);
        Matrix b = randomSpd(4, 7);
        Matrix g = Psd.geometricMean(a, b, 0.5);
        // X A⁻¹ X = B
        assertTrue(g.times(Psd.inverse(a)).times(g).maxAbsDifference(b) < 1e-9);
        // symmetric in its arguments at t = 1/2
        assertTrue(g.maxAbsDifference(Psd.geometricMean(b, a, 0.5)) < 1e-9);
    }

    @Test
    void choleskySvdAndInverse() {
        Matrix a = randomSpd(5, 8);
        Matrix l = Cholesky.lower(a);
        assertTrue(l.times(l.transpose()).maxAbsDifference(a) < 1e-10);
        assertTrue(a.times(Inverse.of(a)).maxAbsDifference(Matrix.identity(5)) < 1e-10);
        Svd s = Svd.of(a);
        assertEquals(5, s.rank(1e-12));
        Matrix rank1 = Matrix.of(new double[][] {{1, 2}, {2, 4}});
        assertEquals(1, Svd.of(rank1).rank(1e-10));
        Matrix pinv = Inverse.pseudo(rank1, 1e-10);
        assertTrue(rank1.times(pinv).times(rank1).maxAbsDifference(rank1) < 1e-10);
        assertThrows(ArithmeticException.class, () -> Inverse.of(rank1));
    }

    @Test
    void nonFiniteInputIsNamed() {
        Matrix bad = Matrix.of(new double[][] {{1, Double.NaN}, {Double.NaN, 1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Eigen.symmetric(bad));
        assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
    }

    @Test
    void matrixProductMatchesNaiveAndRejectsShapeMismatch() {
        SplittableRandom r = new SplittableRandom(9);
        double[][] a = new double[70][50];
        double[][] b = new double[50][90];
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextGaussian();
            }
        }
        for (double[] row : b) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextGaussian();
            }
        }
        Matrix c = Matrix.of(a).times(Matrix.of(b));
        double s = 0;
        for (int k = 0; k < 50; k++) {
            s += a[3][k] * b[k][7];
        }
        assertEquals(s, c.get(3, 7), 1e-12);
        assertArrayEquals(Matrix.of(a).transpose().times(Matrix.of(a)).toArray(), Matrix.of(a).gram().toArray(), 1e-10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Matrix.of(a).times(Matrix.of(a)));
        assertTrue(e.getMessage().contains("70×50"), e.getMessage());
    }
}
