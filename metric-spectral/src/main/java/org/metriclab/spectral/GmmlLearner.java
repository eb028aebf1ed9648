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
 * GMML, Geometric Mean Metric Learning (Zadeh, Hosseini &amp; Sra, ICML 2016), closed form with the
 * identity prior: S = Σ_S + reg·I, D = Σ_D + reg·I (unnormalised pair scatters) and
 * A = S⁻¹ #_t D = S^{-1/2}(S^{1/2} D S^{1/2})^t S^{-1/2} through core's {@code Psd.geometricMean}, with S⁻¹
 * the pseudo-inverse under the core eigenvalue policy ({@link EigenTruncation}); for t = ½ it is the unique SPD solution of the Riccati equation A S A = D.
 *
 * <p>{@code dims} p (0 = full rank d): GMML's closed form has no rank constraint, so the low-rank model
 * is taken from A's eigendecomposition A = Σ λ_k v_k v_kᵀ (λ descending): L = diag(√λ_1..√λ_p)[v_1 … v_p]ᵀ,
 * i.e. M = LᵀL is the best rank-p approximation of A in Frobenius and spectral norm (Eckart–Young) and
 * keeps the p directions the learned metric stretches most. (Truncating after solving, rather than
 * solving a rank-constrained problem, is the choice documented here.)
 *
 * <p>Prior (the paper's regularised problem min tr(AS) + tr(A⁻¹D) + λ(tr(AA₀⁻¹) + tr(A⁻¹A₀))): its
 * gradient condition A(S + λA₀⁻¹)A = D + λA₀ gives A = (S + λA₀⁻¹)⁻¹ #_t (D + λA₀) with
 * {@code prior} A₀ = I or the inverse covariance ({@link GmmlPrior}). Because S and D are sums over
 * pairs, λ = {@code lambda} · (|S| + |D|)/2: the prior weighs as much as {@code lambda} pairs of each
 * kind, whatever the number of sampled pairs. {@code lambda} = 0 is the unregularised closed form.
 * Defaults: t 0.5 (in [0, 1]), reg 1e-6 (relative to the mean diagonal of Σ_S + Σ_D, never below 1e-12), dims 0,
 * prior identity, lambda 0 (≥ 0).
 */
public record GmmlLearner(double t, double reg, int dims, GmmlPrior prior, double lambda)
        implements ConstraintLearner<Pairs, MahalanobisMetric> {
    private static final String WHO = "gmml";

    /** Full rank, no prior. */
    public GmmlLearner(double t, double reg) {
        this(t, reg, 0);
    }

    /** No prior. */
    public GmmlLearner(double t, double reg, int dims) {
        this(t, reg, dims, GmmlPrior.IDENTITY, 0.0);
    }

    public GmmlLearner {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException(WHO + ": t must be in [0, 1], got " + t);
        }
        if (!(reg > 0) || Double.isInfinite(reg)) {
            throw new IllegalArgumentException(WHO + ": reg must be a finite number > 0, got " + reg);
        }
        Scatter.requireNonNegativeDims(dims, WHO);
        if (prior == null) {
            throw new IllegalArgumentException(WHO + ": prior must be identity or covariance");
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException(WHO + ": lambda must be a finite number >= 0 (prior weight in pairs), got " + lambda);
        }
    }

    public static GmmlLearner from(Params p) {
        return new GmmlLearner(p.getDouble("t", 0.5), p.getDouble("reg", 1e-6), p.getInt("dims", 0),
                p.getEnum("prior", GmmlPrior.IDENTITY), p.getDouble("lambda", 0.0));
    }

    /**
     * The similar (index 0) and dissimilar (index 1) matrices of the closed form: the pair scatters with
     * the ridge, plus λA₀⁻¹ and λA₀ when {@code lambda} > 0.
     */
    Matrix[] scatters(Matrix x, Pairs pairs) {
        Matrix s = Scatter.rowPairs(pairs, true).scatter(x);
        Matrix d = Scatter.rowPairs(pairs, false).scatter(x);
        double scale = Math.max((s.trace() + d.trace()) / (2.0 * x.cols()), 1e-12);
        s = s.plusIdentity(reg * scale);
        d = d.plusIdentity(reg * scale);
        if (lambda > 0) {
            Matrix[] a0 = prior.matrices(x, reg);
            double weight = lambda * pairs.size() / 2.0;
            s = s.plus(a0[0].scale(weight));
            d = d.plus(a0[1].scale(weight));
        }
        return new Matrix[] {s, d};
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        Scatter.requireUsable(x, pairs, WHO);
        MarginSpectralLearner.requireBothKinds(pairs, WHO);
        Matrix[] sd = scatters(x, pairs);
        Matrix a = Psd.geometricMean(EigenTruncation.DEFAULT.pseudoInverse(sd[0]), sd[1], t);
        int d = x.cols();
        int p = Scatter.dims(dims, d, d, WHO, ctx.progress());
        if (p == d) {
            return MahalanobisMetric.fromPsd(a);
        }
        return new MahalanobisMetric(Embedding.WEIGHTED.transform(Eigen.symmetric(a).top(p)));
    }
}
