package org.metriclab.spectral;

import org.metriclab.core.linalg.Matrix;

/**
 * The Stiefel manifold of d × r matrices with orthonormal columns (UᵀU = I), with the embedded
 * metric ⟨ξ, η⟩ = tr(ξᵀη): the tangent projection Z ↦ Z − U sym(UᵀZ) (it turns a Euclidean gradient
 * into the Riemannian one, and serves as the vector transport of a tangent vector to a new point),
 * and the QR retraction U + ξ ↦ qf(U + ξ), the Q factor with a positive diagonal in R.
 */
final class Stiefel {
    private Stiefel() {
    }

    /** Z − U sym(UᵀZ): the projection of Z onto the tangent space at U. */
    static Matrix project(Matrix u, Matrix z) {
        Matrix utz = u.transpose().times(z).symmetrize();
        return z.minus(u.times(utz));
    }

    /** qf(Y): the orthonormal factor of Y's thin QR decomposition with R's diagonal positive. */
    static Matrix qf(Matrix y) {
        int d = y.rows();
        int r = y.cols();
        double[][] cols = new double[r][];
        for (int j = 0; j < r; j++) {
            double[] c = y.column(j);
            // modified Gram–Schmidt, two passes for orthogonality to round-off
            for (int pass = 0; pass < 2; pass++) {
                for (int q = 0; q < j; q++) {
                    double dot = 0;
                    for (int i = 0; i < d; i++) {
                        dot += c[i] * cols[q][i];
                    }
                    for (int i = 0; i < d; i++) {
                        c[i] -= dot * cols[q][i];
                    }
                }
            }
            double norm = 0;
            for (double v : c) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            if (!(norm > 0)) {
                throw new ArithmeticException("Stiefel retraction: the columns became linearly dependent");
            }
            for (int i = 0; i < d; i++) {
                c[i] /= norm;
            }
            cols[j] = c;
        }
        double[] out = new double[d * r];
        for (int j = 0; j < r; j++) {
            for (int i = 0; i < d; i++) {
                out[i * r + j] = cols[j][i];
            }
        }
        return Matrix.of(d, r, out);
    }

    /** tr(AᵀB). */
    static double inner(Matrix a, Matrix b) {
        double[] x = a.toArray();
        double[] y = b.toArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
