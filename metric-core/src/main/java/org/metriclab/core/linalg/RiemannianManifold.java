package org.metriclab.core.linalg;

/**
 * A matrix manifold for Riemannian optimisation: points and tangent vectors are matrices of one
 * shape; a first-order method needs the metric, the Riemannian gradient, a retraction (a map from
 * the tangent space back onto the manifold that agrees with the exponential map to first order) and
 * a vector transport (moving a tangent vector to the tangent space at another point).
 */
public sealed interface RiemannianManifold permits StiefelManifold, SpdManifold {
    /** The Riemannian inner product ⟨u, v⟩ₓ of two tangent vectors at x. */
    double inner(Matrix x, Matrix u, Matrix v);

    /** The orthogonal projection of an ambient matrix z onto the tangent space at x. */
    Matrix project(Matrix x, Matrix z);

    /** The Riemannian gradient at x of a function whose Euclidean gradient there is {@code euclidean}. */
    Matrix gradient(Matrix x, Matrix euclidean);

    /** The retraction R_x(v): the point reached from x along the tangent vector v. */
    Matrix retract(Matrix x, Matrix v);

    /** The tangent vector v at {@code from}, carried to the tangent space at {@code to}. */
    Matrix transport(Matrix from, Matrix to, Matrix v);

    /** The Riemannian norm of a tangent vector at x. */
    default double norm(Matrix x, Matrix v) {
        return Math.sqrt(Math.max(inner(x, v, v), 0.0));
    }
}
