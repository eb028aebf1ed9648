package org.metriclab.probabilistic;

import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.Inverse;
import org.metriclab.core.linalg.Matrix;

/**
 * The graphical lasso (Friedman, Hastie &amp; Tibshirani 2008): the precision Θ minimising
 * tr(SΘ) − log det Θ + α Σ_{i≠j} |Θ_ij| for a symmetric "empirical covariance" S, by block coordinate
 * descent over the columns of W = Θ⁻¹ with an inner lasso solved by coordinate descent — the
 * algorithm of scikit-learn's {@code graphical_lasso(mode='cd')}: W starts as 0.95·W₀ with S's
 * diagonal, and a sweep ends when the duality gap tr(SΘ) − d + α Σ_{i≠j}|Θ_ij| falls below {@code tol}.
 *
 * @param alpha      off-diagonal ℓ₁ penalty (≥ 0)
 * @param maxIter    maximal number of sweeps over the columns
 * @param tol        duality-gap tolerance
 * @param lassoTol   tolerance of the inner lasso (largest coefficient change relative to the largest coefficient)
 */
public record GraphicalLasso(double alpha, int maxIter, double tol, double lassoTol) {
    public GraphicalLasso {
        if (!(alpha >= 0) || maxIter < 1 || !(tol > 0) || !(lassoTol > 0)) {
            throw new IllegalArgumentException("graphical lasso: need alpha >= 0, max_iter >= 1, tol > 0, lasso tol > 0; got alpha="
                    + alpha + ", max_iter=" + maxIter + ", tol=" + tol + ", lasso tol=" + lassoTol);
        }
    }

    /** Precision Θ, covariance W = Θ⁻¹, sweeps done, final duality gap, and whether the gap reached tol. */
    public record Result(Matrix precision, Matrix covariance, int iterations, double gap, boolean converged) {
    }

    /** Solves from S with W₀ = S. */
    public Result fit(Matrix s) {
        return fit(s, s);
    }

    /** Solves from S starting at covariance W₀ ({@code init}). */
    public Result fit(Matrix s, Matrix init) {
        if (!s.isSquare() || !s.isSymmetric(1e-9 * Math.max(1, s.frobeniusNorm())) || !init.isSquare() || init.rows() != s.rows()) {
            throw new IllegalArgumentException("graphical lasso needs a symmetric d×d S and a d×d initial covariance, got "
                    + s.shape() + " and " + init.shape());
        }
        int d = s.rows();
        double[] sa = s.toArray();
        double[] w = init.scale(0.95).toArray();
        for (int i = 0; i < d; i++) {
            w[i * d + i] = sa[i * d + i];
        }
        double[] theta = Inverse.pseudo(Matrix.of(d, d, w).symmetrize(), 1e-15).toArray();
        if (alpha == 0) {
            Matrix p = Inverse.of(s);
            return new Result(p, s, 0, 0, true);
        }
        double[] beta = new double[d - 1];
        int[] others = new int[d - 1];
        int it = 0;
        double gap = Double.NaN;
        boolean converged = false;
        while (it < maxIter && !converged) {
            it++;
            for (int idx = 0; idx < d; idx++) {
                int c = 0;
                for (int j = 0; j < d; j++) {
                    if (j != idx) {
                        others[c++] = j;
                    }
                }
                double denom = theta[idx * d + idx] + 1000 * Math.ulp(1.0);
                for (int a = 0; a < d - 1; a++) {
                    beta[a] = -theta[others[a] * d + idx] / denom;
                }
                lasso(w, d, others, sa, idx, beta);
                double dot = 0;
                for (int a = 0; a < d - 1; a++) {
                    dot += w[others[a] * d + idx] * beta[a];
                }
                double tii = 1.0 / (w[idx * d + idx] - dot);
                theta[idx * d + idx] = tii;
                for (int a = 0; a < d - 1; a++) {
                    theta[others[a] * d + idx] = -tii * beta[a];
                    theta[idx * d + others[a]] = -tii * beta[a];
                }
                for (int a = 0; a < d - 1; a++) {
                    double s2 = 0;
                    for (int b = 0; b < d - 1; b++) {
                        s2 += w[others[a] * d + others[b]] * beta[b];
                    }
                    w[idx * d + others[a]] = s2;
                    w[others[a] * d + idx] = s2;
                }
            }
            for (double t : theta) {
                if (!Double.isFinite(t)) {
                    throw new ArithmeticException("the graphical lasso diverged (non-finite precision) at sweep " + it);
                }
            }
            gap = dualityGap(sa, theta, d);
            converged = Math.abs(gap) < tol;
        }
        return new Result(Matrix.of(d, d, theta).symmetrize(), Matrix.of(d, d, w).symmetrize(), it, gap, converged);
    }

    /** Coordinate descent on ½βᵀW₁₁β − s₁₂ᵀβ + α‖β‖₁ over the rows/columns {@code others} of W. */
    private void lasso(double[] w, int d, int[] others, double[] s, int idx, double[] beta) {
        int m = others.length;
        for (int sweep = 0; sweep < Math.max(100, maxIter); sweep++) {
            double maxChange = 0;
            double maxCoef = 0;
            for (int a = 0; a < m; a++) {
                int ra = others[a] * d;
                double r = s[idx * d + others[a]];
                for (int b = 0; b < m; b++) {
                    if (b != a) {
                        r -= w[ra + others[b]] * beta[b];
                    }
                }
                double updated = Math.signum(r) * Math.max(Math.abs(r) - alpha, 0.0) / w[ra + others[a]];
                maxChange = Math.max(maxChange, Math.abs(updated - beta[a]));
                beta[a] = updated;
                maxCoef = Math.max(maxCoef, Math.abs(updated));
            }
            if (maxCoef == 0 || maxChange / maxCoef < lassoTol) {
                return;
            }
        }
    }

    private double dualityGap(double[] s, double[] theta, int d) {
        double gap = -d;
        double offDiagonal = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                gap += s[i * d + j] * theta[i * d + j];
                if (i != j) {
                    offDiagonal += Math.abs(theta[i * d + j]);
                }
            }
        }
        return gap + alpha * offDiagonal;
    }

    /** The penalised objective tr(SΘ) − log det Θ + α Σ_{i≠j}|Θ_ij| (for tests and reports). */
    public double objective(Matrix s, Matrix precision) {
        double logDet = 0;
        double[] ev = Eigen.symmetric(precision).values();
        for (double v : ev) {
            logDet += Math.log(v);
        }
        double off = 0;
        for (int i = 0; i < precision.rows(); i++) {
            for (int j = 0; j < precision.cols(); j++) {
                off += i != j ? Math.abs(precision.get(i, j)) : 0;
            }
        }
        return s.times(precision).trace() - logDet + alpha * off;
    }
}
