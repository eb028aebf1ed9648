package org.metriclab.spectral;

import org.metriclab.core.linalg.Cholesky;
import org.metriclab.core.linalg.Matrix;

/**
 * The LLMA objective on positions Y (n × d) of the training rows, with X₀ their input positions:
 * J(Y) = (1/|S|) Σ_{(a,b)∈S} ‖y_a − y_b‖² + (λ/|E|) Σ_{(a,b)∈E} ‖(y_a − y_b) − (x₀_a − x₀_b)‖²,
 * similar pairs S pulled together while the displacement vectors along the k-NN graph edges E keep
 * their input values (the local geometry). A step moves the current positions Z to Y = Z + ΦB with Φ
 * the n × m RBF weights of Z against the centres; J(Z + ΦB) + μ‖B‖² is quadratic in B and its
 * minimiser solves (ΦᵀWΦ + μI) B = −Φᵀ(L_S Z/|S| + λ L_E (Z − X₀)/|E|), W = L_S/|S| + λL_E/|E| with
 * L_S, L_E the graph Laplacians of S and E (each pair once, weight 1).
 */
record LlmaProblem(Matrix origin, int[] simA, int[] simB, int[] nbA, int[] nbB, double lambda) {
    LlmaProblem {
        if (simA.length != simB.length || nbA.length != nbB.length || simA.length == 0) {
            throw new IllegalArgumentException("llma: need at least one similar pair and matching pair index arrays");
        }
    }

    /** J(Y). */
    double objective(Matrix y) {
        double[] v = y.toArray();
        double[] o = origin.toArray();
        int d = y.cols();
        double pull = 0;
        for (int p = 0; p < simA.length; p++) {
            for (int t = 0; t < d; t++) {
                double diff = v[simA[p] * d + t] - v[simB[p] * d + t];
                pull += diff * diff;
            }
        }
        double keep = 0;
        for (int p = 0; p < nbA.length; p++) {
            for (int t = 0; t < d; t++) {
                double diff = v[nbA[p] * d + t] - v[nbB[p] * d + t] - o[nbA[p] * d + t] + o[nbB[p] * d + t];
                keep += diff * diff;
            }
        }
        return pull / simA.length + (nbA.length == 0 ? 0 : lambda * keep / nbA.length);
    }

    /** w · L v for the Laplacian L of the pairs (a_p, b_p), added into {@code out}. */
    private static void addLaplacian(int[] a, int[] b, double w, double[] v, double[] out, int cols) {
        for (int p = 0; p < a.length; p++) {
            int ia = a[p] * cols;
            int ib = b[p] * cols;
            for (int t = 0; t < cols; t++) {
                double diff = w * (v[ia + t] - v[ib + t]);
                out[ia + t] += diff;
                out[ib + t] -= diff;
            }
        }
    }

    /** W v with W = L_S/|S| + λ L_E/|E|. */
    Matrix weighted(Matrix v) {
        double[] out = new double[v.rows() * v.cols()];
        addLaplacian(simA, simB, 1.0 / simA.length, v.toArray(), out, v.cols());
        if (nbA.length > 0 && lambda > 0) {
            addLaplacian(nbA, nbB, lambda / nbA.length, v.toArray(), out, v.cols());
        }
        return Matrix.of(v.rows(), v.cols(), out);
    }

    /** The absolute ridge μ = ridge · tr(ΦᵀWΦ)/m (at least 1e-12), so {@code ridge} is scale-free. */
    static double absoluteRidge(Matrix normal, double ridge) {
        return ridge * Math.max(normal.trace() / normal.rows(), 1e-12);
    }

    /** The minimiser B (m × d) of J(Z + ΦB) + μ‖B‖², μ from {@link #absoluteRidge}. */
    Matrix solve(Matrix z, Matrix phi, double ridge) {
        Matrix normal = phi.transpose().times(weighted(phi)).symmetrize();
        double mu = absoluteRidge(normal, ridge);
        double[] target = new double[z.rows() * z.cols()];
        addLaplacian(simA, simB, 1.0 / simA.length, z.toArray(), target, z.cols());
        if (nbA.length > 0 && lambda > 0) {
            addLaplacian(nbA, nbB, lambda / nbA.length, z.minus(origin).toArray(), target, z.cols());
        }
        Matrix rhs = phi.transpose().times(Matrix.of(z.rows(), z.cols(), target)).scale(-1);
        return Cholesky.solve(normal.plusIdentity(mu), rhs);
    }
}
