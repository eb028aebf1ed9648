package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;

class SymmetricSpectrumTest {
    /** A random symmetric matrix of rank {@code rank} (rank < n: exactly repeated zero eigenvalues). */
    private static double[] gram(int n, int rank, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] f = new double[rank * n];
        for (int i = 0; i < f.length; i++) {
            f[i] = rng.nextDouble(-1, 1);
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < rank; k++) {
                    a[i * n + j] += f[k * n + i] * f[k * n + j];
                }
            }
        }
        return a;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 10, 55})
    void eigenvaluesMatchTheLibraryAndTheVectorsReconstructTheMatrix(int n) {
        for (int rank : new int[] {n, Math.max(1, n - 3)}) {
            double[] a = gram(n, rank, 31L * n + rank);
            SymmetricSpectrum s = SymmetricSpectrum.of(a, n);
            EigenPairs ref = Eigen.symmetric(Matrix.of(n, n, a).symmetrize());
            double scale = Math.max(1, Math.abs(ref.value(0)));
            for (int t = 0; t < n; t++) {
                assertEquals(ref.value(t), s.values()[t], 1e-12 * scale, "eigenvalue " + t);
            }
            double[] v = s.vectors();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double vvt = 0;
                    double vdvt = 0;
                    for (int t = 0; t < n; t++) {
                        vvt += v[i * n + t] * v[j * n + t];
                        vdvt += v[i * n + t] * s.values()[t] * v[j * n + t];
                    }
                    assertEquals(i == j ? 1 : 0, vvt, 1e-12, "V Vᵀ[" + i + "][" + j + "]");
                    assertEquals(a[i * n + j], vdvt, 1e-12 * scale, "V D Vᵀ[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void diagonalAndZeroMatricesAreTheirOwnSpectrum() {
        SymmetricSpectrum s = SymmetricSpectrum.of(new double[] {1, 0, 0, 0, 3, 0, 0, 0, 2}, 3);
        assertEquals(3, s.values()[0]);
        assertEquals(2, s.values()[1]);
        assertEquals(1, s.values()[2]);
        assertEquals(1, Math.abs(s.vectors()[1 * 3 + 0]), 0);
        SymmetricSpectrum z = SymmetricSpectrum.of(new double[4], 2);
        assertEquals(0, z.values()[0]);
        assertEquals(0, z.values()[1]);
    }
}
