package org.metriclab.spectral;

import java.util.Arrays;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.EigenTruncation;
import org.metriclab.core.linalg.Matrix;

/**
 * MMC's full variant in whitened coordinates (projection = whitened). With R = (Σ_S + εI)^{-1/2}
 * (ε = 1e-9·tr(Σ_S)/d; eigenvalues at or below 1e-10·λ_max are dropped, {@link EigenTruncation}) and A = R B R, the similarity budget is f = tr(B) ≤ t = tr(Σ_S)/100 (A₀ = I,
 * metric-learn's t) and g(B) = log Σ_D ‖R d‖_B. Projected gradient ascent with metric-learn's step
 * control (×1.05 on success, ÷2 and retry from the last accepted point otherwise, stop when
 * ‖αM‖_F/‖B‖_F &lt; tol): M = ∇g with its component along ∇f = I removed, normalised; the projection onto
 * {B ⪰ 0, tr B ≤ t} is exact and costs one eigendecomposition: eigenvalues λ ↦ max(λ − θ, 0) with the
 * smallest θ ≥ 0 meeting the trace budget.
 */
final class MmcWhitened {
    private MmcWhitened() {
    }

    /** Nearest point of {B ⪰ 0, tr B ≤ t} to the symmetric b (Frobenius norm). */
    static Matrix project(Matrix b, double t) {
        EigenPairs e = Eigen.symmetric(b);
        double[] lam = e.values();
        double[] clipped = new double[lam.length];
        double sum = 0;
        for (int i = 0; i < lam.length; i++) {
            clipped[i] = Math.max(lam[i], 0);
            sum += clipped[i];
        }
        double theta = 0;
        if (sum > t) {
            double[] sorted = lam.clone();
            Arrays.sort(sorted);
            double run = 0;
            for (int k = sorted.length - 1; k >= 0; k--) {
                run += sorted[k];
                int count = sorted.length - k;
                double candidate = (run - t) / count;
                double next = k > 0 ? sorted[k - 1] : Double.NEGATIVE_INFINITY;
                if (candidate >= next && candidate < sorted[k]) {
                    theta = candidate;
                    break;
                }
            }
            for (int i = 0; i < lam.length; i++) {
                clipped[i] = Math.max(lam[i] - theta, 0);
            }
        }
        Matrix v = e.vectors();
        int d = lam.length;
        double[] vs = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                vs[i * d + k] = v.get(i, k) * clipped[k];
            }
        }
        return Matrix.of(d, d, vs).times(v.transpose()).symmetrize();
    }

    private static Matrix direction(Matrix grad) {
        int d = grad.rows();
        Matrix g = grad.scale(1.0 / grad.frobeniusNorm());
        Matrix m = g.plusIdentity(-g.trace() / d);
        double n = m.frobeniusNorm();
        return n > 0 ? m.scale(1.0 / n) : m;
    }

    /** w = Σ_S (plus the learner's ridge), neg = the dissimilar difference rows. */
    static MahalanobisMetric fit(Matrix w, Matrix neg, int maxIter, double tol, FitContext ctx) {
        int dim = w.rows();
        Matrix wr = w.plusIdentity(1e-9 * w.trace() / dim);
        Matrix r = EigenTruncation.DEFAULT.inverseSqrt(wr);
        Matrix negW = neg.times(r);
        double t = w.trace() / 100.0;
        Matrix b = project(wr, t);
        double alpha = 0.1;
        Matrix bOld = b;
        double objOld = MmcLearner.logDissimilar(negW, bOld);
        Matrix m = direction(MmcLearner.gradDissimilar(negW, b));
        double delta = Double.POSITIVE_INFINITY;
        int cycle = 0;
        for (; cycle < maxIter; cycle++) {
            b = project(b, t);
            double obj = MmcLearner.logDissimilar(negW, b);
            if (obj > objOld || cycle == 0) {
                alpha *= 1.05;
                bOld = b;
                objOld = obj;
                m = direction(MmcLearner.gradDissimilar(negW, b));
                b = b.plus(m.scale(alpha));
            } else {
                alpha /= 2;
                b = bOld.plus(m.scale(alpha));
            }
            ctx.progress().iteration(cycle, objOld);
            delta = alpha / bOld.frobeniusNorm();
            if (delta < tol) {
                break;
            }
        }
        boolean converged = delta < tol;
        ctx.progress().finished(cycle, objOld, converged);
        if (!converged) {
            ctx.progress().warn("mmc: did not converge in " + maxIter + " iterations (relative step " + delta + ")");
        }
        return MahalanobisMetric.fromPsd(r.times(bOld).times(r).symmetrize());
    }
}
