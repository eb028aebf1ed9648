package org.metriclab.spectral;

import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.EigenPairs;

/**
 * Fisher discriminant analysis as metric learning (the generalized-eigenproblem view of Alipanahi,
 * Biggs &amp; Ghodsi 2008): S_B φ = λ (S_W + ridge) φ with S_B = Σ_k n_k(μ_k − μ)(μ_k − μ)ᵀ and
 * S_W = Σ_k Σ_{i∈k}(x_i − μ_k)(x_i − μ_k)ᵀ, φᵀS_Wφ = 1. L holds the top p eigenvectors as rows,
 * transformed per {@code embedding} (default PLAIN: the classical within-class-whitened discriminant
 * coordinates). Defaults: dims 0 = c − 1 (at most the kept directions), ridge 0 (optional, relative to
 * tr(S_W)/d). A singular S_W (n − c &lt; d or duplicate points) is whitened by truncated eigendecomposition
 * ({@code Eigen.generalized}): directions without within-class
 * spread are dropped instead of amplified.
 */
public record FdaLearner(int dims, double ridge, Embedding embedding) implements MetricLearner<MahalanobisMetric> {
    private static final String WHO = "fda";

    public FdaLearner {
        Scatter.requireNonNegativeDims(dims, WHO);
        Scatter.requireRidge(ridge, WHO);
        if (embedding == null) {
            throw new IllegalArgumentException(WHO + ": embedding must be one of weighted, orthonormalized, plain");
        }
    }

    public static FdaLearner from(Params p) {
        return new FdaLearner(p.getInt("dims", 0), p.getDouble("ridge", 0.0), p.getEnum("embedding", Embedding.PLAIN));
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        train.requireAtLeastTwoClasses(WHO);
        Scatter.requireResources(WHO, train.size(), train.dim(), 6, 0);
        EigenPairs e = Scatter.generalized(Scatter.between(train), Scatter.within(train), ridge, WHO + ": within-class scatter S_W");
        int c = train.labels().classCount();
        int p = Scatter.dims(dims, c - 1, e.size(), WHO, ctx.progress());
        return new MahalanobisMetric(embedding.transform(e.top(p)));
    }
}
