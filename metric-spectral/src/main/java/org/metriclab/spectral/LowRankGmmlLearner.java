package org.metriclab.spectral;

import java.util.stream.IntStream;
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
 * Low-rank GMML (Bhutani, Jawanpuria, Kasai &amp; Mishra 2018): the metric W = UBUᵀ of rank r =
 * {@code dims} (0 = d, full rank) minimises tr(B UᵀSU) + tr(B⁻¹UᵀDU) over U on the Stiefel manifold
 * and B symmetric positive definite ({@link LowRankGmmlObjective}), by Riemannian conjugate gradient
 * ({@link LowRankGmmlSolver}). S and D are GMML's regularised pair scatters ({@link GmmlLearner}, t = ½).
 *
 * <p>Start: U₀ = the r leading eigenvectors of the full-rank GMML solution A = S⁻¹ # D (the
 * directions GMML stretches most) and B₀ = (U₀ᵀSU₀)⁻¹ # (U₀ᵀDU₀), the best B for U₀. With r = d any
 * U is a rotation and the optimum is GMML's A itself.
 *
 * <p>Coordinates ({@code whiten}): the rank-r problem depends on the coordinates the data are given
 * in, because the Stiefel constraint fixes which directions count as orthogonal. In the input
 * coordinates ({@code none}, the cost as the paper writes it) the best B for a given U leaves a cost
 * that grows with both scatters (for r = 1, 2·√(uᵀSu · uᵀDu)), so minimising over U picks directions
 * where similar and dissimilar pairs are both close: low-variance directions, not discriminative
 * ones. With {@code dissimilar} the problem is solved on the data whitened by D, x' = Px with
 * P = D^{-1/2} (so S' = PSP and D' = I), where the cost for a given U is 2·tr((UᵀS'U)^{1/2}) and the
 * minimising subspace is the one where similar pairs are closest relative to dissimilar ones; the
 * metric is mapped back, W = P·UBUᵀ·P. GMML's closed form is not invariant under such a change of
 * coordinates, so at r = d {@code none} gives GMML's A = S⁻¹ # D and {@code dissimilar} gives GMML of
 * the whitened data, P(S')^{-1/2}P.
 *
 * <p>Defaults: dims 0, reg 1e-6 (as gmml), max_iter 500, tol 1e-6 (Riemannian gradient norm relative
 * to the cost), whiten dissimilar. The model is L = B^{1/2}UᵀP (r × d, P the whitening or I), LᵀL = W.
 */
public record LowRankGmmlLearner(int dims, double reg, int maxIter, double tol, Whitening whiten)
        implements ConstraintLearner<Pairs, MahalanobisMetric> {
    static final String WHO = "low_rank_gmml";

    /** The coordinates the rank-r problem is solved in. */
    public enum Whitening {
        /** The input coordinates, the cost as written in the paper. */
        NONE,
        /** x ↦ D^{-1/2}x, so that the dissimilar scatter is the identity. */
        DISSIMILAR
    }

    /** Solved in the dissimilar-whitened coordinates. */
    public LowRankGmmlLearner(int dims, double reg, int maxIter, double tol) {
        this(dims, reg, maxIter, tol, Whitening.DISSIMILAR);
    }

    public LowRankGmmlLearner {
        if (whiten == null) {
            throw new IllegalArgumentException(WHO + ": whiten must be none or dissimilar");
        }
        Scatter.requireNonNegativeDims(dims, WHO);
        if (!(reg > 0) || Double.isInfinite(reg)) {
            throw new IllegalArgumentException(WHO + ": reg must be a finite number > 0, got " + reg);
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException(WHO + ": max_iter must be >= 1, got " + maxIter);
        }
        if (!(tol > 0 && tol < 1)) {
            throw new IllegalArgumentException(WHO + ": tol must be in (0, 1) (gradient norm relative to the cost), got " + tol);
        }
    }

    public static LowRankGmmlLearner from(Params p) {
        return new LowRankGmmlLearner(p.getInt("dims", 0), p.getDouble("reg", 1e-6), p.getInt("max_iter", 500), p.getDouble("tol", 1e-6),
                p.getEnum("whiten", Whitening.DISSIMILAR));
    }

    /** GMML's regularised scatters S and D in the input coordinates. */
    LowRankGmmlObjective objective(Matrix x, Pairs pairs) {
        Matrix[] sd = new GmmlLearner(0.5, reg).scatters(x, pairs);
        return new LowRankGmmlObjective(sd[0], sd[1]);
    }

    /** P with x' = Px the coordinates of the rank-r problem: D^{-1/2} or the identity. */
    Matrix coordinates(LowRankGmmlObjective input) {
        return whiten == Whitening.DISSIMILAR ? Psd.power(input.d(), -0.5) : Matrix.identity(input.d().rows());
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        Scatter.requireUsable(x, pairs, WHO);
        MarginSpectralLearner.requireBothKinds(pairs, WHO);
        int d = x.cols();
        int r = Scatter.dims(dims, d, d, WHO, ctx.progress());
        LowRankGmmlObjective input = objective(x, pairs);
        Matrix p = coordinates(input);
        LowRankGmmlObjective f = new LowRankGmmlObjective(p.times(input.s()).times(p).symmetrize(), p.times(input.d()).times(p).symmetrize());
        Matrix a = Psd.geometricMean(EigenTruncation.DEFAULT.pseudoInverse(f.s()), f.d(), 0.5);
        Matrix u0 = Eigen.symmetric(a).vectors().columns(IntStream.range(0, r).toArray());
        LowRankGmmlSolver.Result result = new LowRankGmmlSolver(maxIter, tol).minimise(f, u0, f.bestB(u0), ctx.progress());
        ctx.progress().finished(result.iterations(), result.at().cost(), result.converged());
        if (!result.converged()) {
            ctx.progress().warn(WHO + ": stopped after " + result.iterations() + " iterations (max_iter " + maxIter
                    + ") at gradient norm / cost " + result.relativeGradient() + " > tol " + tol);
        }
        return new MahalanobisMetric(model(result.at().u(), result.at().b()).l().times(p));
    }

    /** L = B^{1/2}Uᵀ, so that LᵀL = UBUᵀ. */
    static MahalanobisMetric model(Matrix u, Matrix b) {
        return new MahalanobisMetric(Psd.factor(b).times(u.transpose()));
    }
}
