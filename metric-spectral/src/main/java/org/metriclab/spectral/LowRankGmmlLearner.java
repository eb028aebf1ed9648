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
 * <p>Defaults: dims 0, reg 1e-6 (as gmml), max_iter 500, tol 1e-6 (Riemannian gradient norm relative
 * to its initial value). The model is L = B^{1/2}Uᵀ (r × d), LᵀL = W.
 */
public record LowRankGmmlLearner(int dims, double reg, int maxIter, double tol) implements ConstraintLearner<Pairs, MahalanobisMetric> {
    static final String WHO = "low_rank_gmml";

    public LowRankGmmlLearner {
        Scatter.requireNonNegativeDims(dims, WHO);
        if (!(reg > 0) || Double.isInfinite(reg)) {
            throw new IllegalArgumentException(WHO + ": reg must be a finite number > 0, got " + reg);
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException(WHO + ": max_iter must be >= 1, got " + maxIter);
        }
        if (!(tol > 0 && tol < 1)) {
            throw new IllegalArgumentException(WHO + ": tol must be in (0, 1) (relative gradient norm), got " + tol);
        }
    }

    public static LowRankGmmlLearner from(Params p) {
        return new LowRankGmmlLearner(p.getInt("dims", 0), p.getDouble("reg", 1e-6), p.getInt("max_iter", 500), p.getDouble("tol", 1e-6));
    }

    /** GMML's regularised scatters S (index 0) and D (index 1). */
    LowRankGmmlObjective objective(Matrix x, Pairs pairs) {
        Matrix[] sd = new GmmlLearner(0.5, reg).scatters(x, pairs);
        return new LowRankGmmlObjective(sd[0], sd[1]);
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        Scatter.requireUsable(x, pairs, WHO);
        MarginSpectralLearner.requireBothKinds(pairs, WHO);
        int d = x.cols();
        int r = Scatter.dims(dims, d, d, WHO, ctx.progress());
        LowRankGmmlObjective f = objective(x, pairs);
        Matrix a = Psd.geometricMean(EigenTruncation.DEFAULT.pseudoInverse(f.s()), f.d(), 0.5);
        Matrix u0 = Eigen.symmetric(a).vectors().columns(IntStream.range(0, r).toArray());
        LowRankGmmlSolver.Result result = new LowRankGmmlSolver(maxIter, tol).minimise(f, u0, f.bestB(u0), ctx.progress());
        ctx.progress().finished(result.iterations(), result.at().cost(), result.converged());
        if (!result.converged()) {
            ctx.progress().warn(WHO + ": stopped after " + result.iterations() + " iterations (max_iter " + maxIter
                    + ") at relative gradient norm " + result.relativeGradient() + " > tol " + tol);
        }
        return model(result.at().u(), result.at().b());
    }

    /** L = B^{1/2}Uᵀ, so that LᵀL = UBUᵀ. */
    static MahalanobisMetric model(Matrix u, Matrix b) {
        return new MahalanobisMetric(Psd.factor(b).times(u.transpose()));
    }
}
