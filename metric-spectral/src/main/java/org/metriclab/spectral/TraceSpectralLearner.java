package org.metriclab.spectral;

import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;

/**
 * The trace-constrained scatter difference (Ghodsi, Wilkinson &amp; Southey 2007): minimise
 * tr(WC) with C = Σ_S/|S| − Σ_D/|D| (averaged pair scatters). With tr(W) = 1, W ⪰ 0 the optimum is
 * the rank-one W = vvᵀ, v the bottom eigenvector of C; that is {@code dims = 1}. The rank-p version
 * W = UUᵀ with UᵀU = I minimises tr(UᵀCU) by the p bottom eigenvectors of C (L = Uᵀ, orthonormal
 * rows). Default dims = 0: p = the number of negative eigenvalues of C (directions in which
 * dissimilar pairs spread more than similar ones), at least 1.
 */
public record TraceSpectralLearner(int dims) implements ConstraintLearner<Pairs, MahalanobisMetric> {
    private static final String WHO = "trace_spectral";

    public TraceSpectralLearner {
        Scatter.requireNonNegativeDims(dims, WHO);
    }

    public static TraceSpectralLearner from(Params p) {
        return new TraceSpectralLearner(p.getInt("dims", 0));
    }

    /** C = Σ_S/|S| − Σ_D/|D|. */
    static Matrix scatterDifference(Matrix x, Pairs pairs) {
        int similar = pairs.similarCount();
        Matrix s = Scatter.rowPairs(pairs, true).scatter(x);
        Matrix d = Scatter.rowPairs(pairs, false).scatter(x);
        return s.scale(1.0 / similar).minus(d.scale(1.0 / (pairs.size() - similar)));
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        Scatter.requireUsable(x, pairs, WHO);
        MarginSpectralLearner.requireBothKinds(pairs, WHO);
        EigenPairs e = Eigen.symmetric(scatterDifference(x, pairs));
        int negative = 0;
        for (double v : e.values()) {
            negative += v < 0 ? 1 : 0;
        }
        if (negative == 0) {
            ctx.progress().warn(WHO + ": C = Σ_S/|S| − Σ_D/|D| is PSD (similar pairs spread at least as much as dissimilar "
                    + "ones in every direction); the problem is degenerate, keeping the least-bad direction");
        }
        int p = Scatter.dims(dims, negative, x.cols(), WHO, ctx.progress());
        return new MahalanobisMetric(e.bottom(p).vectors().transpose());
    }
}
