package org.metriclab.spectral;

import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenTruncation;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;

/**
 * Low-rank GMML on Stiefel × SPD (Bhutani, Jawanpuria, Kasai &amp; Mishra, 2018): A = UBUᵀ with
 * U ∈ St(d, r) and B ≻ 0 (r × r) minimising tr(UBUᵀS) + tr(UB⁻¹UᵀD), S and D the regularised
 * similar and dissimilar pair scatters of {@code gmml}. For fixed U the B-problem is GMML in r
 * dimensions with the closed form B(U) = P⁻¹ # Q (P = UᵀSU, Q = UᵀDU), so U minimises
 * f(U) = tr(B(U)P) + tr(B(U)⁻¹Q) = 2 tr((P^{1/2}QP^{1/2})^{1/2}); by the envelope theorem its
 * Euclidean gradient is 2(SUB + DUB⁻¹). U is found by Riemannian conjugate gradient (Polak–Ribière+,
 * projection as vector transport, QR retraction, Armijo backtracking; restarts on a non-descent
 * direction), started from the r leading eigenvectors of the full-rank GMML solution S⁻¹ # D. With
 * r = d this is GMML's closed form (t = ½). L = B^{1/2}Uᵀ (r × d).
 * Defaults: dims 0 = ⌈d/2⌉, reg 1e-6 (as gmml), max_iter 200, tol 1e-8 (on the Riemannian
 * gradient norm relative to its start, and on the relative decrease).
 */
public record LowRankGmmlLearner(int dims, double reg, int maxIter, double tol) implements ConstraintLearner<Pairs, MahalanobisMetric> {
    private static final String WHO = "low_rank_gmml";
    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 50;

    public LowRankGmmlLearner {
        Scatter.requireNonNegativeDims(dims, WHO);
        if (!(reg > 0) || Double.isInfinite(reg)) {
            throw new IllegalArgumentException(WHO + ": reg must be a finite number > 0, got " + reg);
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException(WHO + ": max_iter must be >= 1, got " + maxIter);
        }
        if (!(tol > 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException(WHO + ": tol must be a finite number > 0, got " + tol);
        }
    }

    public static LowRankGmmlLearner from(Params p) {
        return new LowRankGmmlLearner(p.getInt("dims", 0), p.getDouble("reg", 1e-6), p.getInt("max_iter", 200), p.getDouble("tol", 1e-8));
    }

    /** The reduced objective at U, with B(U) and the Euclidean gradient. */
    record Point(Matrix u, Matrix b, double value, Matrix gradient) {
    }

    static Point evaluate(Matrix s, Matrix d, Matrix u) {
        Matrix su = s.times(u);
        Matrix du = d.times(u);
        Matrix p = u.transpose().times(su).symmetrize();
        Matrix q = u.transpose().times(du).symmetrize();
        Matrix b = Psd.geometricMean(Psd.inverse(p), q, 0.5).symmetrize();
        Matrix bInv = Psd.inverse(b);
        double value = b.times(p).trace() + bInv.times(q).trace();
        Matrix gradient = su.times(b).plus(du.times(bInv)).scale(2.0);
        return new Point(u, b, value, gradient);
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        Scatter.requireUsable(x, pairs, WHO);
        MarginSpectralLearner.requireBothKinds(pairs, WHO);
        int d = x.cols();
        int r = Scatter.dims(dims, (d + 1) / 2, d, WHO, ctx.progress());
        Matrix[] sd = new GmmlLearner(0.5, reg).scatters(x, pairs);
        Matrix full = Psd.geometricMean(EigenTruncation.DEFAULT.pseudoInverse(sd[0]), sd[1], 0.5);
        Point at = evaluate(sd[0], sd[1], Eigen.symmetric(full).top(r).vectors());
        Matrix grad = Stiefel.project(at.u(), at.gradient());
        double start = Math.sqrt(Stiefel.inner(grad, grad));
        Matrix direction = grad.scale(-1);
        double step = 1.0 / Math.max(start, 1e-300);
        int iter = 0;
        boolean converged = r == d || start == 0;
        while (!converged && iter < maxIter) {
            iter++;
            double slope = Stiefel.inner(grad, direction);
            if (!(slope < 0)) {
                direction = grad.scale(-1);
                slope = -Stiefel.inner(grad, grad);
            }
            Point next = null;
            for (int h = 0; h < MAX_HALVINGS; h++) {
                Point trial = evaluate(sd[0], sd[1], Stiefel.qf(at.u().plus(direction.scale(step))));
                if (trial.value() <= at.value() + ARMIJO * step * slope) {
                    next = trial;
                    break;
                }
                step *= 0.5;
            }
            if (next == null) {
                converged = true;
                break;
            }
            double decrease = at.value() - next.value();
            Matrix nextGrad = Stiefel.project(next.u(), next.gradient());
            Matrix movedGrad = Stiefel.project(next.u(), grad);
            double beta = Math.max(0, Stiefel.inner(nextGrad, nextGrad.minus(movedGrad)) / Stiefel.inner(grad, grad));
            direction = nextGrad.scale(-1).plus(Stiefel.project(next.u(), direction).scale(beta));
            at = next;
            grad = nextGrad;
            ctx.progress().iteration(iter, at.value());
            double norm = Math.sqrt(Stiefel.inner(grad, grad));
            converged = norm <= tol * start || decrease <= tol * Math.abs(at.value());
            step *= 2;
        }
        if (!converged) {
            ctx.progress().warn(WHO + ": Riemannian conjugate gradient stopped at max_iter=" + maxIter + " without converging (objective "
                    + at.value() + "); raise max_iter");
        }
        ctx.progress().finished(iter, at.value(), converged);
        return new MahalanobisMetric(Psd.sqrt(at.b()).times(at.u().transpose()));
    }
}
