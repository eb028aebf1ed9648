package org.metriclab.core.linalg;

import java.util.Arrays;
import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/** Symmetric and generalized symmetric-definite eigendecompositions (ojAlgo), sorted descending. */
public final class Eigen {
    /**
     * The largest order of a dense eigendecomposition a learner should start: at 8000 it already takes
     * minutes on one core and 1.5 GB for the matrix and its eigenvectors. Callers refuse larger problems
     * up front with a hint (reduce the features) instead of running for hours.
     */
    public static final int PRACTICAL_LIMIT = 8000;
    private static final double SYMMETRY_TOLERANCE = 1e-8;

    private Eigen() {
    }

    /** A = V diag(λ) Vᵀ for a symmetric A; the input is symmetrized first to remove round-off asymmetry. */
    public static EigenPairs symmetric(Matrix a) {
        requireSymmetric(a, "symmetric eigendecomposition");
        R064Store s = OjAlgo.store(a.symmetrize());
        Eigenvalue<Double> evd = Eigenvalue.R064.make(s, true);
        if (!evd.decompose(s)) {
            throw new ArithmeticException("symmetric eigendecomposition of a " + a.shape() + " matrix did not converge");
        }
        return sorted(evd.getD(), OjAlgo.matrix(evd.getV()));
    }

    /**
     * Solves A v = λ B v for symmetric A and symmetric positive semi-definite B under the default
     * {@link EigenTruncation}: {@link #generalized(Matrix, Matrix, EigenTruncation)}.
     */
    public static EigenPairs generalized(Matrix a, Matrix b) {
        return generalized(a, b, EigenTruncation.DEFAULT);
    }

    /**
     * Solves A v = λ B v for symmetric A and symmetric positive semi-definite B, with VᵀBV = I, λ descending.
     *
     * <p>When B is clearly definite — its Cholesky factor exists and every pivot L_ii² (each lies in
     * [λ_min(B), λ_max(B)]) exceeds {@code policy}'s relative tolerance times the largest — B = LLᵀ, the
     * symmetric C = L⁻¹AL⁻ᵀ = U diag(λ) Uᵀ, V = L⁻ᵀU, and all n pairs are returned. The two triangular solves
     * for C and the one for V run row by row (each step an axpy of a whole row), instead of ojAlgo's
     * generalised decomposition, which does the same reduction through its generic substitution kernels
     * (60 × 60: 0.31 ms against 0.38 ms, of which the symmetric eigendecomposition is 0.21 ms).
     *
     * <p>Otherwise B is near-singular and is whitened instead of inverted: W is B's unit-free truncated
     * whitening ({@link EigenTruncation#unitFreeWhitening}, W B Wᵀ = I_r), C = WAWᵀ = U diag(λ) Uᵀ and V = WᵀU:
     * r ≤ n pairs, all inside the directions where B is not zero up to rounding. The whitening equilibrates
     * B first, so a feature measured in 10⁻⁶ beside one in 10⁶ is not mistaken for round-off.
     *
     * @throws ArithmeticException when B is zero up to rounding (nothing to whiten)
     */
    public static EigenPairs generalized(Matrix a, Matrix b, EigenTruncation policy) {
        requireSymmetric(a, "generalized eigenproblem (A)");
        requireSymmetric(b, "generalized eigenproblem (B)");
        if (a.rows() != b.rows()) {
            throw new IllegalArgumentException("generalized eigenproblem: A is " + a.shape() + " but B is " + b.shape());
        }
        Matrix factor;
        try {
            factor = Cholesky.lower(b);
        } catch (ArithmeticException notDefinite) {
            return whitenedGeneralized(a, b, policy);
        }
        if (!clearlyDefinite(factor, policy)) {
            return whitenedGeneralized(a, b, policy);
        }
        int n = a.rows();
        double[][] l = rows(factor.toArray(), n);
        double[][] y = rows(a.symmetrize().toArray(), n);
        forwardSolve(l, y);
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[j][i] = y[i][j];
            }
        }
        forwardSolve(l, c);
        R064Store sc = OjAlgo.store(Matrix.of(c).symmetrize());
        Eigenvalue<Double> evd = Eigenvalue.R064.make(sc, true);
        if (!evd.decompose(sc)) {
            throw new ArithmeticException("generalized eigendecomposition of " + a.shape() + " matrices did not converge");
        }
        double[][] v = rows(OjAlgo.matrix(evd.getV()).toArray(), n);
        backSolveTransposed(l, v);
        return sorted(evd.getD(), Matrix.of(v));
    }

    private static double[][] rows(double[] rowMajor, int n) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(rowMajor, i * n, (i + 1) * n);
        }
        return out;
    }

    /**
     * Overwrites y by L⁻¹y for lower-triangular l (rows as separate arrays, so that each step, an axpy of
     * one row into another, is compiled to SIMD): row i from rows 0..i−1.
     */
    private static void forwardSolve(double[][] l, double[][] y) {
        int n = y.length;
        for (int i = 0; i < n; i++) {
            double[] yi = y[i];
            double[] li = l[i];
            for (int k = 0; k < i; k++) {
                double f = li[k];
                double[] yk = y[k];
                for (int j = 0; j < n; j++) {
                    yi[j] -= f * yk[j];
                }
            }
            double inv = 1.0 / li[i];
            for (int j = 0; j < n; j++) {
                yi[j] *= inv;
            }
        }
    }

    /** Overwrites v by L⁻ᵀv for lower-triangular l (rows as separate arrays): row i from rows i+1..n−1. */
    private static void backSolveTransposed(double[][] l, double[][] v) {
        int n = v.length;
        for (int i = n - 1; i >= 0; i--) {
            double[] vi = v[i];
            for (int k = i + 1; k < n; k++) {
                double f = l[k][i];
                double[] vk = v[k];
                for (int j = 0; j < n; j++) {
                    vi[j] -= f * vk[j];
                }
            }
            double inv = 1.0 / l[i][i];
            for (int j = 0; j < n; j++) {
                vi[j] *= inv;
            }
        }
    }

    /**
     * Solves A v = λ (B + ridge·tr(B)/n·I) v under the default {@link EigenTruncation}: the ridge, scaled
     * by B's mean eigenvalue, regularises B on purpose; near-singularity left after it is truncated.
     */
    public static EigenPairs generalized(Matrix a, Matrix b, double ridge) {
        if (ridge < 0) {
            throw new IllegalArgumentException("ridge must be >= 0, got " + ridge);
        }
        if (ridge == 0) {
            return generalized(a, b);
        }
        double scale = Math.max(b.trace() / b.rows(), Double.MIN_NORMAL);
        return generalized(a, b.plusIdentity(ridge * scale));
    }

    /** Every Cholesky pivot L_ii² above {@code policy}'s cut relative to the largest. */
    private static boolean clearlyDefinite(Matrix factor, EigenTruncation policy) {
        int n = factor.rows();
        double[] pivots = new double[n];
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double l = factor.get(i, i);
            pivots[i] = l * l;
            min = Math.min(min, pivots[i]);
        }
        return min > policy.cutoff(pivots);
    }

    /** The near-singular branch of {@link #generalized(Matrix, Matrix, EigenTruncation)}. */
    private static EigenPairs whitenedGeneralized(Matrix a, Matrix b, EigenTruncation policy) {
        Matrix wm;
        try {
            wm = policy.unitFreeWhitening(b).whitening();
        } catch (ArithmeticException zero) {
            throw new ArithmeticException("generalized eigenproblem: B (" + b.shape() + ") is zero up to rounding; "
                    + "there is no spread to normalise by");
        }
        Matrix wt = wm.transpose();
        EigenPairs inner = symmetric(wm.times(a).times(wt).symmetrize());
        return new EigenPairs(inner.values(), canonicalSigns(wt.times(inner.vectors())));
    }

    private static void requireSymmetric(Matrix a, String what) {
        OjAlgo.requireFinite(a, what + " input");
        a.requireSquare(what + ":");
        double tol = SYMMETRY_TOLERANCE * Math.max(1.0, a.frobeniusNorm());
        if (!a.isSymmetric(tol)) {
            throw new IllegalArgumentException(what + ": matrix " + a.shape() + " is not symmetric");
        }
    }

    private static EigenPairs sorted(MatrixStore<Double> d, Matrix vm) {
        int n = Math.toIntExact(d.countRows());
        Integer[] order = new Integer[n];
        double[] vals = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            vals[i] = d.doubleValue(i, i);
        }
        Arrays.sort(order, (x, y) -> Double.compare(vals[y], vals[x]));
        double[] sortedVals = new double[n];
        int[] cols = new int[n];
        for (int k = 0; k < n; k++) {
            sortedVals[k] = vals[order[k]];
            cols[k] = order[k];
        }
        return new EigenPairs(sortedVals, canonicalSigns(vm.columns(cols)));
    }

    /** Flips each eigenvector so its largest-magnitude entry is positive: deterministic output. */
    private static Matrix canonicalSigns(Matrix v) {
        double[] d = v.toArray();
        int r = v.rows();
        int c = v.cols();
        for (int j = 0; j < c; j++) {
            int arg = 0;
            for (int i = 1; i < r; i++) {
                if (Math.abs(d[i * c + j]) > Math.abs(d[arg * c + j]) + 1e-12) {
                    arg = i;
                }
            }
            if (d[arg * c + j] < 0) {
                for (int i = 0; i < r; i++) {
                    d[i * c + j] = -d[i * c + j];
                }
            }
        }
        return Matrix.adopt(r, c, d);
    }
}
