package org.metriclab.deep.spd;

import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;

/**
 * An SPDNet eigen layer: X = U diag(λ) Uᵀ ↦ Y = U diag(f(λ)) Uᵀ for a symmetric X. Backward by the
 * matrix back-propagation of Ionescu, Vantzos &amp; Sminchisescu (ICCV 2015) for the eigendecomposition,
 * which for a spectral function reduces to
 * dL/dX = U (K ∘ (Uᵀ sym(dL/dY) U)) Uᵀ with K_ij the divided difference (f(λ_i) − f(λ_j)) / (λ_i − λ_j)
 * and K_ii = f′(λ_i). Where two eigenvalues are equal or nearly so, their 1/(λ_i − λ_j) term is
 * undefined and the divided difference is taken in its limit ({@link #dividedDifference}), so the
 * gradient stays finite for repeated eigenvalues.
 */
public sealed interface EigenMap permits ReEig, LogEig {
    double apply(double lambda);

    double derivative(double lambda);

    /** (f(a) − f(b)) / (a − b), and its limit f′ for a = b, computed without cancellation. */
    double dividedDifference(double a, double b);

    /** The eigendecomposition of the input and the output, kept for the backward pass. */
    record Forward(EigenPairs eig, Matrix y) {
    }

    default Forward forward(Matrix x) {
        EigenPairs e = Eigen.symmetric(x);
        double[] f = e.values();
        for (int i = 0; i < f.length; i++) {
            f[i] = apply(f[i]);
        }
        Matrix u = e.vectors();
        return new Forward(e, u.times(Matrix.diagonal(f)).times(u.transpose()).symmetrize());
    }

    default Matrix backward(Forward fwd, Matrix gradOutput) {
        Matrix u = fwd.eig().vectors();
        double[] l = fwd.eig().values();
        int n = l.length;
        double[] inner = u.transpose().times(gradOutput.symmetrize()).times(u).toArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                inner[i * n + j] *= i == j ? derivative(l[i]) : dividedDifference(l[i], l[j]);
            }
        }
        return u.times(Matrix.of(n, n, inner)).times(u.transpose()).symmetrize();
    }
}
