package org.metriclab.spectral;

import java.util.Arrays;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.EigenTruncation;
import org.metriclab.core.linalg.Matrix;

/**
 * MMC's full variant in whitened coordinates (projection = whitened). With W (r × d) the unit-free
 * truncated whitening of Σ_S ({@link EigenTruncation#unitFreeWhitening}: W Σ_S Wᵀ = I_r, computed on the
 * unit-diagonal form of Σ_S, so features in 10⁻⁶ and 10⁶ are whitened alike and directions that are zero
 * up to rounding are dropped) and A = WᵀBW, the similarity budget is f = tr(B) ≤ t = tr(Σ_S)/100 (A₀ ∝ I,
 * metric-learn's t) and g(B) = log Σ_D ‖W d‖_B. Projected gradient ascent with metric-learn's step
 * control (first step 0.1·‖B₀‖_F/√d, metric-learn's 0.1 relative to ‖I‖_F, so the path does not depend on
 * the units; ×1.05 on success, ÷2 and retry from the last accepted point otherwise, stop when
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
        EigenTruncation.UnitFreeWhitening white = EigenTruncation.DEFAULT.unitFreeWhitening(w);
        Matrix r = white.whitening();
        Matrix rt = r.transpose();
        Matrix negW = neg.times(rt);
        double t = w.trace() / 100.0;
        Matrix colouring = white.colouring();
        Matrix b = project(colouring.times(colouring.transpose()).symmetrize(), t);
        double alpha = 0.1 * b.frobeniusNorm() / Math.sqrt(dim);
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
        // L = Λ_B^{1/2} U_Bᵀ W from B's eigenpairs: never forms A = WᵀBW, whose entries span the squared
        // ratio of the feature units (10²⁴ for features in 10⁻⁶ and 10⁶) and whose eigenvalues would drown in it
        EigenPairs e = Eigen.symmetric(bOld);
        return new MahalanobisMetric(Embedding.WEIGHTED.transform(new EigenPairs(e.values(), rt.times(e.vectors()))));
    }
}
