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
 * The trace-constrained scatter difference with a neighbourhood-preserving regulariser (Baghshah
 * &amp; Shouraki, IJCAI 2009; Ghojogh et al. 2022's regularisation by LLE or by the Laplacian):
 * minimise tr(Uᵀ(C + λR)U) subject to UᵀU = I, where C = Σ_S/|S| − Σ_D/|D| is {@code trace_spectral}'s
 * averaged pair-scatter difference and R the graph regulariser of {@link SpectralGraph} on every
 * training row (semi-supervised: the graph needs no labels). The optimum is the p bottom eigenvectors
 * of C + λR (Ky Fan), L = Uᵀ with orthonormal rows; λ = 0 is {@code trace_spectral}. Larger λ keeps
 * neighbouring rows (or each row and its locally linear reconstruction) close in the projection.
 * Defaults: graph lle (or laplacian), lambda 1, k 5, dims 0 = the number of negative eigenvalues of
 * C + λR (at least 1).
 */
public record RegularizedSpectralLearner(SpectralGraph graph, double lambda, int k, int dims)
        implements ConstraintLearner<Pairs, MahalanobisMetric> {
    private static final String WHO = "regularized_spectral";

    public RegularizedSpectralLearner {
        if (graph == null) {
            throw new IllegalArgumentException(WHO + ": graph must be lle or laplacian");
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException(WHO + ": lambda must be a finite number >= 0, got " + lambda);
        }
        if (k < 1) {
            throw new IllegalArgumentException(WHO + ": k must be >= 1 (graph neighbours per row), got " + k);
        }
        Scatter.requireNonNegativeDims(dims, WHO);
    }

    public static RegularizedSpectralLearner from(Params p) {
        return new RegularizedSpectralLearner(p.getEnum("graph", SpectralGraph.LLE), p.getDouble("lambda", 1.0), p.getInt("k", 5),
                p.getInt("dims", 0));
    }

    /** C + λR. */
    Matrix objectiveMatrix(Matrix x, Pairs pairs) {
        Matrix c = TraceSpectralLearner.scatterDifference(x, pairs);
        return lambda == 0 ? c : c.plus(graph.regularizer(x, k).scale(lambda)).symmetrize();
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        Scatter.requireUsable(x, pairs, WHO);
        MarginSpectralLearner.requireBothKinds(pairs, WHO);
        if (x.rows() < 2) {
            throw new IllegalArgumentException(WHO + " needs at least two rows to build the neighbour graph, got " + x.rows());
        }
        EigenPairs e = Eigen.symmetric(objectiveMatrix(x, pairs));
        int negative = 0;
        for (double v : e.values()) {
            negative += v < 0 ? 1 : 0;
        }
        if (negative == 0) {
            ctx.progress().warn(WHO + ": C + λR is PSD (no direction spreads dissimilar pairs more than similar pairs and "
                    + "neighbours); keeping the least-bad direction; lower lambda");
        }
        int p = Scatter.dims(dims, negative, x.cols(), WHO, ctx.progress());
        return new MahalanobisMetric(e.bottom(p).vectors().transpose());
    }
}
