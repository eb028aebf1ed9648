package org.metriclab.deep.spd;

import java.util.random.RandomGenerator;
import org.metriclab.core.linalg.Matrix;

/**
 * The BiMap layer of SPDNet (Huang &amp; Van Gool, AAAI 2017): X ↦ Wᵀ X W for an SPD input of order
 * {@code in} and a weight W (in × out, out ≤ in) with orthonormal columns, a point of the Stiefel
 * manifold, so the output is SPD of order out ({@link #random} and {@link #step} produce such points;
 * {@link #requireStiefel} checks stored ones). Gradients: dL/dX = W G Wᵀ and dL/dW = 2 X W G for the
 * symmetrised output gradient G. Training moves W by Riemannian SGD: the Euclidean gradient projected onto
 * the tangent space at W (∇ − W sym(Wᵀ∇)), a step along it, and the QR retraction back onto the manifold.
 */
public record BiMap(Matrix w) {
    /** Orthonormality of the weight columns: ‖WᵀW − I‖_max. */
    private static final double STIEFEL_TOLERANCE = 1e-8;

    public BiMap {
        if (w.cols() > w.rows() || w.cols() < 1) {
            throw new IllegalArgumentException("a BiMap reduces the order: need 1 <= out <= in, got " + w.rows() + " → " + w.cols());
        }
        if (!w.isFinite()) {
            throw new IllegalArgumentException("BiMap weights hold a non-finite value at " + w.firstNonFinite());
        }
    }

    /** Distance of W from the Stiefel manifold, max |WᵀW − I|: 0 up to rounding for trained weights. */
    public double stiefelError() {
        return w.transpose().times(w).maxAbsDifference(Matrix.identity(w.cols()));
    }

    /** Refuses weights off the Stiefel manifold (a damaged model file). */
    public BiMap requireStiefel() {
        double err = stiefelError();
        if (!(err <= STIEFEL_TOLERANCE)) {
            throw new IllegalArgumentException("BiMap weights must have orthonormal columns; max |WᵀW − I| = " + err);
        }
        return this;
    }

    /** A uniformly random point of the Stiefel manifold: the Q factor of a Gaussian in × out matrix. */
    public static BiMap random(int in, int out, RandomGenerator rng) {
        double[] g = new double[in * out];
        for (int i = 0; i < g.length; i++) {
            g[i] = rng.nextGaussian();
        }
        return new BiMap(orthonormalFactor(Matrix.of(in, out, g)));
    }

    public int in() {
        return w.rows();
    }

    public int out() {
        return w.cols();
    }

    public Matrix forward(Matrix x) {
        return w.transpose().times(x).times(w).symmetrize();
    }

    public Matrix gradInput(Matrix gradOutput) {
        return w.times(gradOutput.symmetrize()).times(w.transpose()).symmetrize();
    }

    public Matrix gradWeight(Matrix x, Matrix gradOutput) {
        return x.times(w).times(gradOutput.symmetrize()).scale(2);
    }

    /** The Euclidean gradient projected onto the tangent space of the Stiefel manifold at W. */
    public Matrix riemannianGradient(Matrix euclidean) {
        return euclidean.minus(w.times(w.transpose().times(euclidean).symmetrize()));
    }

    /** One Riemannian SGD step: W ← qf(W − lr · grad_R), the QR retraction of the tangent step. */
    public BiMap step(Matrix euclidean, double lr) {
        return new BiMap(orthonormalFactor(w.minus(riemannianGradient(euclidean).scale(lr))));
    }

    /**
     * The Q factor of the thin QR decomposition with a positive diagonal of R (so it is unique), by
     * modified Gram–Schmidt applied twice, which keeps QᵀQ = I to rounding error.
     */
    public static Matrix orthonormalFactor(Matrix a) {
        int n = a.rows();
        int m = a.cols();
        double[][] q = new double[m][];
        for (int c = 0; c < m; c++) {
            double[] v = a.column(c);
            double original = norm(v);
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < c; p++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += v[i] * q[p][i];
                    }
                    for (int i = 0; i < n; i++) {
                        v[i] -= dot * q[p][i];
                    }
                }
            }
            double norm = norm(v);
            if (!(norm > 1e-12 * original)) {
                throw new ArithmeticException("the BiMap step made the weight columns linearly dependent; lower the learning rate");
            }
            for (int i = 0; i < n; i++) {
                v[i] /= norm;
            }
            q[c] = v;
        }
        double[] out = new double[n * m];
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < n; i++) {
                out[i * m + c] = q[c][i];
            }
        }
        return Matrix.of(n, m, out);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
