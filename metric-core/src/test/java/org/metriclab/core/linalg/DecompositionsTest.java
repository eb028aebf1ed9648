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

    /** Rows of g with a third column equal to the sum of the first two. */
    private static Matrix withSumColumn(Matrix g) {
        double[][] out = new double[g.rows()][3];
        for (int i = 0; i < g.rows(); i++) {
            out[i] = new double[] {g.get(i, 0), g.get(i, 1), g.get(i, 0) + g.get(i, 1)};
        }
        return Matrix.of(out);
    }

    @Test
    void generalizedEigenWhitensASingularBInsteadOfInvertingIt() {
        Matrix ga = Matrix.of(new double[][] {{1, 2}, {-1, 0.5}, {0.3, -2}, {2, 1}});
        Matrix gb = Matrix.of(new double[][] {{0.5, -1}, {1, 1}, {-0.7, 0.2}, {0.1, 0.9}, {1.5, -0.4}});
        Matrix a = withSumColumn(ga).gram();
        Matrix b = withSumColumn(gb).gram();
        EigenPairs e = Eigen.generalized(a, b);
        assertEquals(2, e.size(), "the direction where B is zero up to rounding is dropped, not amplified");
        Matrix v = e.vectors();
        assertTrue(v.transpose().times(b).times(v).maxAbsDifference(Matrix.identity(2)) < 1e-12, "VᵀBV = I");
        assertTrue(v.frobeniusNorm() < 10, "no round-off direction amplified: ‖V‖ = " + v.frobeniusNorm());
        assertTrue(maxAbs(Eigen.generalized(ga.gram(), gb.gram()).values(), e.values()) < 1e-10,
                "the third feature is redundant: same spectrum as the first two alone");
        assertEquals(3, Eigen.generalized(a, b, 1e-3).size(), "a ridge makes B definite");
        assertThrows(ArithmeticException.class, () -> Eigen.generalized(a, Matrix.zeros(3, 3)));
    }

    @Test
    void generalizedEigenKeepsFeaturesOnEveryScale() {
        Matrix a = randomSpd(3, 5);
        double[] scale = {1e-6, 1, 1e6};
        double[][] bs = new double[3][3];
        double[][] as = new double[3][3];
        Matrix b0 = randomSpd(3, 6);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                bs[i][j] = b0.get(i, j) * scale[i] * scale[j];
                as[i][j] = a.get(i, j) * scale[i] * scale[j];
            }
        }
        EigenPairs scaled = Eigen.generalized(Matrix.of(as), Matrix.of(bs));
        EigenPairs plain = Eigen.generalized(a, b0);
        assertEquals(3, scaled.size(), "a 10⁻¹² variance beside 10¹² is a unit, not round-off");
        assertTrue(maxAbs(plain.values(), scaled.values()) < 1e-9 * Math.abs(plain.value(0)),
                "the eigenvalues do not depend on the features' units");
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
    void oneCholeskyFactorGivesFactorPivotsAndSolves() {
        Matrix a = randomSpd(6, 11);
        Cholesky.Factor f = Cholesky.factor(a).orElseThrow();
        Matrix l = f.lower();
        assertTrue(l.times(l.transpose()).maxAbsDifference(a) < 1e-10);
        for (int i = 0; i < 6; i++) {
            assertEquals(l.get(i, i), f.pivots()[i], 0.0);
            for (int j = i + 1; j < 6; j++) {
                assertEquals(0.0, l.get(i, j), 0.0);
            }
        }
        Matrix b = Matrix.of(new double[][] {{1, 0}, {2, -1}, {0, 3}, {1, 1}, {-2, 0}, {0.5, 4}});
        assertTrue(a.times(f.solve(b)).maxAbsDifference(b) < 1e-10);
        assertThrows(IllegalArgumentException.class, () -> f.solve(Matrix.zeros(5, 1)));
        // not positive definite, semi-definite, non-finite or not square: no factor
        assertTrue(Cholesky.factor(Matrix.of(new double[][] {{1, 2}, {2, 1}})).isEmpty());
        assertTrue(Cholesky.factor(Matrix.of(new double[][] {{1, 2}, {2, 4}})).isEmpty());
        assertTrue(Cholesky.factor(Matrix.of(new double[][] {{1, Double.NaN}, {Double.NaN, 1}})).isEmpty());
        assertTrue(Cholesky.factor(Matrix.zeros(2, 3)).isEmpty());
        assertThrows(ArithmeticException.class, () -> Cholesky.solve(Matrix.of(new double[][] {{1, 2}, {2, 1}}), Matrix.zeros(2, 1)));
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
