package org.metriclab.core.linalg;

import org.ojalgo.matrix.store.R064Store;

/** Cholesky factorisation A = L Lᵀ of a symmetric positive-definite matrix (ojAlgo). */
public final class Cholesky {
    private Cholesky() {
    }

    /** The lower-triangular factor L with A = L Lᵀ. */
    public static Matrix lower(Matrix a) {
        OjAlgo.requireFinite(a, "Cholesky input");
        a.requireSquare("factor");
        org.ojalgo.matrix.decomposition.Cholesky<Double> ch = decompose(a);
        if (ch == null) {
            throw new ArithmeticException("matrix " + a.shape() + " is not positive definite");
        }
        return OjAlgo.matrix(ch.getL());
    }

    /** True when A is symmetric positive definite (to working precision). */
    public static boolean isPositiveDefinite(Matrix a) {
        return a.isSquare() && a.isFinite() && decompose(a) != null;
    }

    /** Solves A X = B for SPD A. */
    public static Matrix solve(Matrix a, Matrix b) {
        if (a.rows() != b.rows()) {
            throw new IllegalArgumentException("cannot solve " + a.shape() + " X = " + b.shape());
        }
        org.ojalgo.matrix.decomposition.Cholesky<Double> ch = decompose(a);
        if (ch == null) {
            throw new ArithmeticException("matrix " + a.shape() + " is not positive definite");
        }
        return OjAlgo.matrix(ch.getSolution(OjAlgo.store(b)));
    }

    private static org.ojalgo.matrix.decomposition.Cholesky<Double> decompose(Matrix a) {
        R064Store s = OjAlgo.store(a.symmetrize());
        org.ojalgo.matrix.decomposition.Cholesky<Double> ch = org.ojalgo.matrix.decomposition.Cholesky.R064.make(s);
        if (!ch.decompose(s) || !ch.isSPD()) {
            return null;
        }
        // ojAlgo's isSPD tolerates tiny pivots; require a clearly positive diagonal of L.
        var l = ch.getL();
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < a.rows(); i++) {
            double v = l.doubleValue(i, i);
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        return min > 1e-12 * Math.max(max, 1e-300) ? ch : null;
    }
}
