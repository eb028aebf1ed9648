package org.metriclab.spectral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.metriclab.core.constraint.Chunklets;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Centring;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.EigenTruncation;
import org.metriclab.core.linalg.Matrix;

/**
 * RCA, Relevant Component Analysis (Shental et al. 2002; Bar-Hillel et al. 2005), as metric-learn 0.7:
 * Ĉ = (1/p_tot) Σ_j Σ_{i∈j} (x_ji − m_j)(x_ji − m_j)ᵀ over the p_tot rows in chunklets, and
 * L = Ĉ^{-1/2} (whitening by the within-chunklet covariance). Eigenvalues of Ĉ at or below
 * eigen_tol·λ_max count as zero ({@link EigenTruncation}): when Ĉ has rank r &lt; d (too few chunklets,
 * or a feature constant over every chunklet), L = Λ_r^{-1/2}V_rᵀ whitens its r non-degenerate
 * directions and drops the rest instead of amplifying them by 1/√(round-off). Chunklets with fewer
 * within-chunklet degrees of freedom Σ_j (|chunklet j| − 1) than features cannot span the feature space
 * (the kept directions would be an accident of the draw): that fit is a {@link FitException}. When
 * dims p &lt; r, the
 * "constrained FLD" step first keeps, inside that range, the p directions with the smallest ratio
 * Ĉ v = λ S_T v (S_T: covariance, ddof 1, of the chunked rows, plus a relative ridge) and whitens inside
 * them: L = (AᵀĈA)^{-1/2} Aᵀ. Defaults: dims 0 = rank(Ĉ), ridge 1e-6, eigen_tol 1e-10.
 */
public record RcaLearner(int dims, double ridge, double eigenTolerance) implements ConstraintLearner<Chunklets, MahalanobisMetric> {
    private static final String WHO = "rca";

    public RcaLearner {
        Scatter.requireNonNegativeDims(dims, WHO);
        Scatter.requireRidge(ridge, WHO);
        new EigenTruncation(eigenTolerance);
    }

    /** With the default eigenvalue tolerance. */
    public RcaLearner(int dims, double ridge) {
        this(dims, ridge, EigenTruncation.DEFAULT_RELATIVE_TOLERANCE);
    }

    public static RcaLearner from(Params p) {
        return new RcaLearner(p.getInt("dims", 0), p.getDouble("ridge", 1e-6),
                p.getDouble("eigen_tol", EigenTruncation.DEFAULT_RELATIVE_TOLERANCE));
    }

    /** Rows of each chunklet with at least two members, by chunklet id. */
    static List<int[]> groups(Chunklets c) {
        Map<Integer, List<Integer>> by = new TreeMap<>();
        int[] of = c.chunkOf();
        for (int i = 0; i < of.length; i++) {
            if (of[i] >= 0) {
                by.computeIfAbsent(of[i], k -> new ArrayList<>()).add(i);
            }
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> g : by.values()) {
            if (g.size() >= 2) {
                out.add(g.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return out;
    }

    /** Ĉ and the chunked rows. */
    static Matrix innerCovariance(Matrix x, List<int[]> groups) {
        int d = x.cols();
        int total = 0;
        for (int[] g : groups) {
            total += g.length;
        }
        // all chunklet rows, each centred on its chunklet mean, stacked: one Gram product instead of one per chunklet
        double[] data = x.toArray();
        double[] centred = new double[total * d];
        double[] mean = new double[d];
        int r = 0;
        for (int[] g : groups) {
            Arrays.fill(mean, 0.0);
            for (int i : g) {
                for (int j = 0; j < d; j++) {
                    mean[j] += data[i * d + j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= g.length;
            }
            for (int i : g) {
                for (int j = 0; j < d; j++) {
                    centred[r * d + j] = data[i * d + j] - mean[j];
                }
                r++;
            }
        }
        return Matrix.of(total, d, centred).gram().scale(1.0 / total);
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Chunklets chunklets, FitContext ctx) {
        Scatter.requireUsable(x, chunklets, WHO);
        List<int[]> groups = groups(chunklets);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException(WHO + " needs at least one chunklet with two or more rows, got none");
        }
        int d = x.cols();
        int freedom = 0;
        for (int[] g : groups) {
            freedom += g.length - 1;
        }
        if (freedom < d) {
            throw new FitException(WHO, "the chunklets give " + freedom + " within-chunklet degrees of freedom (rows minus "
                    + "chunklets) for " + d + " features, so the within-chunklet covariance cannot span the feature space",
                    "use at least " + d + " chunklets of 2 (chunks, chunk_size) or reduce the features first (e.g. pca)");
        }
        Matrix inner = innerCovariance(x, groups);
        EigenTruncation policy = new EigenTruncation(eigenTolerance);
        // the range of Ĉ: directions of zero within-chunklet variance (up to eigen_tol) cannot be whitened
        EigenPairs range = policy.kept(Eigen.symmetric(inner));
        int rank = range.size();
        if (rank == 0) {
            throw new IllegalArgumentException(WHO + ": every chunklet consists of identical points; the within-chunklet "
                    + "covariance is zero");
        }
        if (rank < d && dims == 0) {
            ctx.progress().warn(WHO + ": the within-chunklet covariance has rank " + rank + " < " + d
                    + " (too few chunklets or near-constant features); keeping its " + rank + " non-degenerate directions");
        }
        int p = Scatter.dims(dims, rank, rank, WHO, ctx.progress());
        if (p == d) {
            return new MahalanobisMetric(policy.inverseSqrt(inner));
        }
        int[] chunked = groups.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        Matrix totalCov = Centring.scatter(x.rows(chunked)).scale(1.0 / Math.max(1, chunked.length - 1));
        Matrix basis = range.vectors();
        if (p == rank) {
            return new MahalanobisMetric(policy.whitening(inner));
        }
        // constrained FLD inside the range of Ĉ, where Ĉ is the diagonal of its kept eigenvalues
        Matrix innerInRange = Matrix.diagonal(range.values());
        Matrix totalInRange = basis.transpose().times(totalCov).times(basis).symmetrize();
        Matrix a = basis.times(Scatter.generalized(innerInRange, totalInRange, Math.max(ridge, 1e-12),
                WHO + ": covariance of the chunked rows").bottom(p).vectors());
        Matrix sub = a.transpose().times(inner).times(a).symmetrize();
        return new MahalanobisMetric(policy.inverseSqrt(sub).times(a.transpose()));
    }
}
