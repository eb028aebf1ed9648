package org.metriclab.core.linalg;

import java.util.Optional;
import org.ojalgo.matrix.store.R064Store;

/** Cholesky factorisation A = L Lᵀ of a symmetric positive-definite matrix (ojAlgo). */
public final class Cholesky {
    private Cholesky() {
    }

    /**
     * One factorisation A = L Lᵀ, for callers that need both the factor and solves with A.
     * {@link #pivots} are L's diagonal entries.
     */
    public static final class Factor {
        private final org.ojalgo.matrix.decomposition.Cholesky<Double> decomposition;
        private final double[] pivots;

        private Factor(org.ojalgo.matrix.decomposition.Cholesky<Double> decomposition, double[] pivots) {
            this.decomposition = decomposition;
            this.pivots = pivots;
        }

        /** The lower-triangular factor L. */
        public Matrix lower() {
            return OjAlgo.matrix(decomposition.getL());
        }

        /** L's diagonal (all positive). */
        public double[] pivots() {
            return pivots.clone();
        }

        /** X with A X = B. */
        public Matrix solve(Matrix b) {
            if (pivots.length != b.rows()) {
                throw new IllegalArgumentException("cannot solve " + pivots.length + "x" + pivots.length + " X = " + b.shape());
            }
            return OjAlgo.matrix(decomposition.getSolution(OjAlgo.store(b)));
        }
    }

    /**
     * The factorisation of A, or empty when A is not symmetric positive definite to working precision
     * (non-finite, not square, or a pivot at or below 10⁻¹² times the largest).
     */
    public static Optional<Factor> factor(Matrix a) {
        if (!a.isSquare() || !a.isFinite()) {
            return Optional.empty();
        }
        R064Store s = OjAlgo.store(a.symmetrize());
        org.ojalgo.matrix.decomposition.Cholesky<Double> ch = org.ojalgo.matrix.decomposition.Cholesky.R064.make(s);
        if (!ch.decompose(s) || !ch.isSPD()) {
            return Optional.empty();
        }
        // ojAlgo's isSPD tolerates tiny pivots; require a clearly positive diagonal of L.
        var l = ch.getL();
        double[] pivots = new double[a.rows()];
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < pivots.length; i++) {
            pivots[i] = l.doubleValue(i, i);
            max = Math.max(max, pivots[i]);
            min = Math.min(min, pivots[i]);
        }
        return min > 1e-12 * Math.max(max, 1e-300) ? Optional.of(new Factor(ch, pivots)) : Optional.empty();
    }

    /** The lower-triangular factor L with A = L Lᵀ. */
    public static Matrix lower(Matrix a) {
        OjAlgo.requireFinite(a, "Cholesky input");
        a.requireSquare("factor");
        return definite(a).lower();
    }

    /** True when A is symmetric positive definite (to working precision). */
    public static boolean isPositiveDefinite(Matrix a) {
        return factor(a).isPresent();
    }

    /** Solves A X = B for SPD A. */
    public static Matrix solve(Matrix a, Matrix b) {
        if (a.rows() != b.rows()) {
            throw new IllegalArgumentException("cannot solve " + a.shape() + " X = " + b.shape());
        }
        return definite(a).solve(b);
    }

    private static Factor definite(Matrix a) {
        return factor(a).orElseThrow(() -> new ArithmeticException("matrix " + a.shape() + " is not positive definite"));
    }
}
