package org.metriclab.core.linalg;

/**
 * The numerical policy for near-singular symmetric positive semi-definite matrices: an eigenvalue at
 * or below {@code relativeTolerance · λ_max} counts as zero. Inverse square roots, whitening and
 * pseudo-inverses built here act on the kept eigen-directions only, so they never divide by round-off:
 * a direction whose variance is zero up to rounding is dropped instead of being amplified by
 * 1/√(10⁻¹⁶). With the default 1e-10 a kept direction is amplified at most 10⁵ times more than the
 * leading one.
 *
 * @param relativeTolerance in [0, 1): the cut relative to the largest eigenvalue
 */
public record EigenTruncation(double relativeTolerance) {
    /** The default relative tolerance, 1e-10 · λ_max. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-10;
    /** Truncation at {@link #DEFAULT_RELATIVE_TOLERANCE}. */
    public static final EigenTruncation DEFAULT = new EigenTruncation(DEFAULT_RELATIVE_TOLERANCE);

    public EigenTruncation {
        if (!(relativeTolerance >= 0 && relativeTolerance < 1)) {
            throw new IllegalArgumentException("relative eigenvalue tolerance must be in [0, 1), got " + relativeTolerance);
        }
    }

    /** The absolute cut for a spectrum: {@code relativeTolerance · max(λ)}; never below 0. */
    public double cutoff(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return relativeTolerance * max;
    }

    /** How many eigenvalues are kept: those above the cut (and above zero). */
    public int rank(double[] values) {
        double cut = cutoff(values);
        int r = 0;
        for (double v : values) {
            if (v > cut && v > 0) {
                r++;
            }
        }
        return r;
    }

    /** The kept pairs of a descending spectrum (the leading {@link #rank} ones). */
    public EigenPairs kept(EigenPairs e) {
        return e.top(rank(e.values()));
    }

    /**
     * The whitening W = Λ_r^{-1/2} V_rᵀ (r × n, rows by decreasing eigenvalue) of a PSD m over its
     * kept directions: W m Wᵀ = I_r and WᵀW = m⁺, the truncated pseudo-inverse.
     *
     * @throws ArithmeticException when no eigenvalue is kept (m is zero up to rounding)
     */
    public Matrix whitening(Matrix m) {
        EigenPairs e = kept(Eigen.symmetric(m));
        if (e.size() == 0) {
            throw new ArithmeticException("matrix " + m.shape() + " is zero up to rounding; nothing to whiten");
        }
        return scaledRows(e, -0.5);
    }

    /**
     * A whitening of a PSD m that does not depend on the units of its coordinates.
     *
     * @param whitening W (r × n) with W m Wᵀ = I_r
     * @param colouring C (r × n) with C Wᵀ = I_r on the coordinates where m has a non-zero diagonal
     */
    public record UnitFreeWhitening(Matrix whitening, Matrix colouring) {
    }

    /**
     * The unit-free whitening of a PSD m: with D = diag(m)^{-1/2} (zero where m_jj = 0), the equilibrated
     * DmD = QΛQᵀ keeps the eigenvalues this policy keeps, W = Λ_r^{-1/2}Q_rᵀD and C = Λ_r^{1/2}Q_rᵀD⁻¹.
     * The cut is applied to DmD, so a coordinate measured in 10⁻⁶ beside one in 10⁶ is not mistaken for
     * round-off, while a direction that is a combination of others up to rounding is dropped.
     *
     * @throws ArithmeticException when m is zero up to rounding (nothing to whiten)
     */
    public UnitFreeWhitening unitFreeWhitening(Matrix m) {
        int n = m.rows();
        double[] scale = new double[n];
        double[] root = new double[n];
        for (int j = 0; j < n; j++) {
            double v = m.get(j, j);
            scale[j] = v > 0 ? 1.0 / Math.sqrt(v) : 0.0;
            root[j] = v > 0 ? Math.sqrt(v) : 0.0;
        }
        double[] equilibrated = m.toArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                equilibrated[i * n + j] *= scale[i] * scale[j];
            }
        }
        EigenPairs e = kept(Eigen.symmetric(Matrix.adopt(n, n, equilibrated)));
        int r = e.size();
        if (r == 0) {
            throw new ArithmeticException("matrix " + m.shape() + " is zero up to rounding; nothing to whiten");
        }
        Matrix q = e.vectors();
        double[] w = new double[r * n];
        double[] c = new double[r * n];
        for (int k = 0; k < r; k++) {
            double s = 1.0 / Math.sqrt(e.value(k));
            double t = Math.sqrt(e.value(k));
            for (int j = 0; j < n; j++) {
                w[k * n + j] = s * q.get(j, k) * scale[j];
                c[k * n + j] = t * q.get(j, k) * root[j];
            }
        }
        return new UnitFreeWhitening(Matrix.adopt(r, n, w), Matrix.adopt(r, n, c));
    }

    /** The symmetric inverse square root V_r Λ_r^{-1/2} V_rᵀ over the kept directions (zero on the rest). */
    public Matrix inverseSqrt(Matrix m) {
        return spectral(m, -0.5);
    }

    /** The truncated pseudo-inverse V_r Λ_r^{-1} V_rᵀ. */
    public Matrix pseudoInverse(Matrix m) {
        return spectral(m, -1.0);
    }

    private Matrix spectral(Matrix m, double power) {
        EigenPairs e = kept(Eigen.symmetric(m));
        int n = m.rows();
        if (e.size() == 0) {
            return Matrix.zeros(n, n);
        }
        Matrix w = scaledRows(e, power / 2);
        return w.gram().symmetrize();
    }

    /** Rows λ_k^p v_kᵀ for the given pairs. */
    private static Matrix scaledRows(EigenPairs e, double power) {
        Matrix v = e.vectors();
        int n = v.rows();
        int r = e.size();
        double[] out = new double[r * n];
        for (int k = 0; k < r; k++) {
            double s = Math.pow(e.value(k), power);
            for (int j = 0; j < n; j++) {
                out[k * n + j] = s * v.get(j, k);
            }
        }
        return Matrix.adopt(r, n, out);
    }
}
