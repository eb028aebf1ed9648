package org.metriclab.core.linalg;

/**
 * The symmetric positive-definite n × n matrices with the affine-invariant metric
 * ⟨u, v⟩_X = tr(X⁻¹uX⁻¹v). Tangent vectors are symmetric matrices; the Riemannian gradient of a
 * function with Euclidean gradient G is X sym(G) X. The retraction
 * R_X(V) = X + V + ½VX⁻¹V = ½X + ½(X + V)X⁻¹(X + V) is the exponential map to second order and
 * stays positive definite for every symmetric V; the vector transport is the identity, which is
 * valid because every tangent space is the same space of symmetric matrices.
 */
public record SpdManifold(int n) implements RiemannianManifold {
    public SpdManifold {
        if (n < 1) {
            throw new IllegalArgumentException("SPD manifold needs n >= 1, got " + n);
        }
    }

    @Override
    public double inner(Matrix x, Matrix u, Matrix v) {
        Matrix xi = Psd.inverse(x);
        return Vectors.dot(xi.times(u).toArray(), xi.times(v).transpose().toArray());
    }

    @Override
    public Matrix project(Matrix x, Matrix z) {
        return z.symmetrize();
    }

    @Override
    public Matrix gradient(Matrix x, Matrix euclidean) {
        return x.times(euclidean.symmetrize()).times(x).symmetrize();
    }

    @Override
    public Matrix retract(Matrix x, Matrix v) {
        Matrix s = v.symmetrize();
        return x.plus(s).plus(s.times(Psd.inverse(x)).times(s).scale(0.5)).symmetrize();
    }

    @Override
    public Matrix transport(Matrix from, Matrix to, Matrix v) {
        return v.symmetrize();
    }
}
