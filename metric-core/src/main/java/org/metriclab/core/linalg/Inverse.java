package org.metriclab.core.linalg;

import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.store.R064Store;

/** General inverse and linear solves through LU (ojAlgo); pseudo-inverse through {@link Svd}. */
public final class Inverse {
    private Inverse() {
    }

    /** A⁻¹ for a square non-singular A. */
    public static Matrix of(Matrix a) {
        OjAlgo.requireFinite(a, "matrix to invert");
        a.requireSquare("invert");
        R064Store s = OjAlgo.store(a);
        LU<Double> lu = LU.R064.make(s);
        if (!lu.decompose(s) || !lu.isSolvable()) {
            throw new ArithmeticException("matrix " + a.shape() + " is singular");
        }
        return OjAlgo.matrix(lu.getInverse());
    }

    /** Solves A X = B. */
    public static Matrix solve(Matrix a, Matrix b) {
        OjAlgo.requireFinite(a, "system matrix");
        if (a.rows() != b.rows() || !a.isSquare()) {
            throw new IllegalArgumentException("cannot solve " + a.shape() + " X = " + b.shape());
        }
        R064Store s = OjAlgo.store(a);
        LU<Double> lu = LU.R064.make(s);
        if (!lu.decompose(s) || !lu.isSolvable()) {
            throw new ArithmeticException("matrix " + a.shape() + " is singular");
        }
        return OjAlgo.matrix(lu.getSolution(OjAlgo.store(b)));
    }

    /** Moore–Penrose pseudo-inverse; singular values below {@code rcond}·max are treated as zero. */
    public static Matrix pseudo(Matrix a, double rcond) {
        Svd svd = Svd.of(a);
        double[] s = svd.singularValues();
        double cut = s.length == 0 ? 0 : rcond * s[0];
        Matrix v = svd.v();
        Matrix u = svd.u();
        int k = s.length;
        double[] vs = new double[v.rows() * k];
        for (int i = 0; i < v.rows(); i++) {
            for (int j = 0; j < k; j++) {
                vs[i * k + j] = s[j] > cut ? v.get(i, j) / s[j] : 0.0;
            }
        }
        int[] firstK = new int[k];
        for (int j = 0; j < k; j++) {
            firstK[j] = j;
        }
        return Matrix.adopt(v.rows(), k, vs).times(u.columns(firstK).transpose());
    }
}
