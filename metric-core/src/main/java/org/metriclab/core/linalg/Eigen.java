package org.metriclab.core.linalg;

import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/** Symmetric and generalized symmetric-definite eigendecompositions (ojAlgo), sorted descending. */
public final class Eigen {
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
        return sorted(evd.getD(), evd.getV());
    }

    /**
     * Solves A v = λ B v for symmetric A and symmetric positive-definite B, with VᵀBV = I.
     *
     * @throws ArithmeticException when B is not positive definite (add a ridge with
     *     {@link #generalized(Matrix, Matrix, double)})
     */
    public static EigenPairs generalized(Matrix a, Matrix b) {
        requireSymmetric(a, "generalized eigenproblem (A)");
        requireSymmetric(b, "generalized eigenproblem (B)");
        if (a.rows() != b.rows()) {
            throw new IllegalArgumentException("generalized eigenproblem: A is " + a.shape() + " but B is " + b.shape());
        }
        if (!Cholesky.isPositiveDefinite(b)) {
            throw new ArithmeticException("generalized eigenproblem: B (" + b.shape()
                    + ") is not positive definite; use a ridge (e.g. the learner's 'ridge' parameter)");
        }
        R064Store sa = OjAlgo.store(a.symmetrize());
        R064Store sb = OjAlgo.store(b.symmetrize());
        Eigenvalue.Generalised<Double> g = Eigenvalue.R064.makeGeneralised(sa, Eigenvalue.Generalisation.A_B);
        if (!g.decompose(sa, sb)) {
            throw new ArithmeticException("generalized eigendecomposition of " + a.shape() + " matrices did not converge");
        }
        return sorted(g.getD(), g.getV());
    }

    /** Solves A v = λ (B + ridge·tr(B)/n·I) v: a scale-aware ridge keeps B definite when it is singular. */
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

    private static void requireSymmetric(Matrix a, String what) {
        OjAlgo.requireFinite(a, what + " input");
        a.requireSquare(what + ":");
        double tol = SYMMETRY_TOLERANCE * Math.max(1.0, a.frobeniusNorm());
        if (!a.isSymmetric(tol)) {
            throw new IllegalArgumentException(what + ": matrix " + a.shape() + " is not symmetric");
        }
    }

    private static EigenPairs sorted(MatrixStore<Double> d, MatrixStore<Double> v) {
        int n = Math.toIntExact(d.countRows());
        Integer[] order = new Integer[n];
        double[] vals = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            vals[i] = d.doubleValue(i, i);
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(vals[y], vals[x]));
        Matrix vm = OjAlgo.matrix(v);
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
