package org.metriclab.core.linalg;

import org.ojalgo.matrix.decomposition.SingularValue;
import org.ojalgo.matrix.store.R064Store;

/** Thin singular value decomposition A = U diag(s) Vᵀ, singular values descending (ojAlgo). */
public record Svd(Matrix u, double[] singularValues, Matrix v) {
    public Svd {
        singularValues = singularValues.clone();
    }

    @Override
    public double[] singularValues() {
        return singularValues.clone();
    }

    public static Svd of(Matrix a) {
        OjAlgo.requireFinite(a, "SVD input");
        R064Store s = OjAlgo.store(a);
        SingularValue<Double> svd = SingularValue.R064.make(s);
        if (!svd.decompose(s)) {
            throw new ArithmeticException("SVD of a " + a.shape() + " matrix did not converge");
        }
        Matrix u = OjAlgo.matrix(svd.getU());
        Matrix v = OjAlgo.matrix(svd.getV());
        var d = svd.getD();
        int k = Math.toIntExact(Math.min(d.countRows(), d.countColumns()));
        double[] sv = new double[k];
        for (int i = 0; i < k; i++) {
            sv[i] = d.doubleValue(i, i);
        }
        return new Svd(u, sv, v);
    }

    /** Number of singular values above {@code tolerance} times the largest. */
    public int rank(double tolerance) {
        if (singularValues.length == 0) {
            return 0;
        }
        double max = singularValues[0];
        int r = 0;
        for (double s : singularValues) {
            if (s > tolerance * max) {
                r++;
            }
        }
        return r;
    }
}
