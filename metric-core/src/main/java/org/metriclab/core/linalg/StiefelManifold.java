package org.metriclab.core.linalg;

/**
 * The Stiefel manifold St(n, p) = {U ∈ ℝ^{n×p} : UᵀU = I} with the metric of the embedding
 * ℝ^{n×p}, ⟨u, v⟩ = tr(uᵀv). The tangent space at U is {V : UᵀV + VᵀU = 0}, the projection is
 * Z − U sym(UᵀZ), the retraction is the polar one, R_U(V) = (U + V)((U + V)ᵀ(U + V))^{-1/2}, and the
 * vector transport projects onto the tangent space at the target point (Absil, Mahony &amp; Sepulchre 2008).
 */
public record StiefelManifold(int n, int p) implements RiemannianManifold {
    public StiefelManifold {
        if (p < 1 || n < p) {
            throw new IllegalArgumentException("Stiefel manifold St(n, p) needs 1 <= p <= n, got n = " + n + ", p = " + p);
        }
    }

    @Override
    public double inner(Matrix x, Matrix u, Matrix v) {
        return Vectors.dot(u.toArray(), v.toArray());
    }

    @Override
    public Matrix project(Matrix x, Matrix z) {
        return z.minus(x.times(x.transpose().times(z).symmetrize()));
    }

    @Override
    public Matrix gradient(Matrix x, Matrix euclidean) {
        return project(x, euclidean);
    }

    @Override
    public Matrix retract(Matrix x, Matrix v) {
        Matrix y = x.plus(v);
        return y.times(Psd.power(y.transpose().times(y).symmetrize(), -0.5));
    }

    @Override
    public Matrix transport(Matrix from, Matrix to, Matrix v) {
        return project(to, v);
    }

    /** A point: the first p columns of the identity. */
    public Matrix first() {
        return Matrix.identity(n).columns(java.util.stream.IntStream.range(0, p).toArray());
    }
}
