package org.metriclab.core.linalg;

import java.util.function.DoubleUnaryOperator;

/**
 * Positive semi-definite matrices: projection onto the PSD cone, factorisation M = LᵀL, and
 * spectral matrix functions (square root, inverse square root, power, geometric mean).
 */
public final class Psd {
    /** Eigenvalues below {@code -NEGATIVE_TOLERANCE · max|λ|} count as genuinely negative. */
    public static final double NEGATIVE_TOLERANCE = 1e-8;

    private Psd() {
    }

    /** The nearest PSD matrix in Frobenius norm: negative eigenvalues clipped to zero. */
    public static Matrix project(Matrix m) {
        return apply(m, v -> Math.max(v, 0.0));
    }

    /**
     * A factor L (rank × n, rows ordered by decreasing eigenvalue) with LᵀL = M for a PSD M. Tiny
     * negative eigenvalues (round-off) are clipped; clearly negative ones are an error.
     */
    public static Matrix factor(Matrix m) {
        EigenPairs e = Eigen.symmetric(m);
        double max = 0;
        for (int i = 0; i < e.size(); i++) {
            max = Math.max(max, Math.abs(e.value(i)));
        }
        double min = e.value(e.size() - 1);
        if (min < -NEGATIVE_TOLERANCE * Math.max(max, 1.0)) {
            throw new IllegalArgumentException("matrix " + m.shape() + " is not positive semi-definite: eigenvalue " + min);
        }
        int n = m.rows();
        double[] l = new double[n * n];
        Matrix v = e.vectors();
        for (int k = 0; k < n; k++) {
            double s = Math.sqrt(Math.max(e.value(k), 0.0));
            for (int j = 0; j < n; j++) {
                l[k * n + j] = s * v.get(j, k);
            }
        }
        return Matrix.adopt(n, n, l);
    }

    /** f(M) = V diag(f(λ)) Vᵀ for a symmetric M. */
    public static Matrix apply(Matrix m, DoubleUnaryOperator f) {
        EigenPairs e = Eigen.symmetric(m);
        int n = m.rows();
        Matrix v = e.vectors();
        double[] vf = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                vf[i * n + k] = v.get(i, k) * f.applyAsDouble(e.value(k));
            }
        }
        return Matrix.adopt(n, n, vf).times(v.transpose()).symmetrize();
    }

    public static Matrix sqrt(Matrix m) {
        return apply(m, v -> Math.sqrt(Math.max(v, 0.0)));
    }

    /** M^p for a symmetric positive-definite M. */
    public static Matrix power(Matrix m, double p) {
        requirePositiveDefinite(m, "power");
        return apply(m, v -> Math.pow(v, p));
    }

    /** M⁻¹ for a symmetric positive-definite M, through its eigendecomposition. */
    public static Matrix inverse(Matrix m) {
        requirePositiveDefinite(m, "inverse");
        return apply(m, v -> 1.0 / v);
    }

    /**
     * The weighted geometric mean A #ₜ B = A^½ (A^-½ B A^-½)^t A^½ of SPD matrices (t = ½: the
     * Riemannian midpoint, the unique SPD solution of X A⁻¹ X = B).
     */
    public static Matrix geometricMean(Matrix a, Matrix b, double t) {
        requirePositiveDefinite(a, "geometric mean (A)");
        requirePositiveDefinite(b, "geometric mean (B)");
        Matrix ah = apply(a, Math::sqrt);
        Matrix aih = apply(a, v -> 1.0 / Math.sqrt(v));
        Matrix middle = aih.times(b).times(aih).symmetrize();
        return ah.times(apply(middle, v -> Math.pow(Math.max(v, 0.0), t))).times(ah).symmetrize();
    }

    private static void requirePositiveDefinite(Matrix m, String what) {
        if (!Cholesky.isPositiveDefinite(m)) {
            throw new ArithmeticException(what + ": matrix " + m.shape() + " is not positive definite");
        }
    }
}
