package org.metriclab.spectral;

import java.util.List;
import org.metriclab.core.constraint.KnnTriplets;
import org.metriclab.core.constraint.RandomChunklets;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.constraint.RandomQuadruplets;
import org.metriclab.core.learn.LearnerCatalog;
import org.metriclab.core.learn.LearnerEntry;
import org.metriclab.core.learn.Supervised;

/**
 * The spectral family. Weakly supervised learners are registered label-supervised
 * through core's {@link Supervised} with a core sampler: pairs from {@link RandomPairs} (parameter
 * {@code constraints}, 0 = 20·c² of each kind), chunklets from {@link RandomChunklets} ({@code chunks}
 * 100, {@code chunk_size} 2), quadruplets from {@link RandomQuadruplets} ({@code constraints}, 0 =
 * 20·c²), triplets from {@link KnnTriplets} ({@code k}, {@code impostors} 10). The learners themselves
 * accept explicit constraints as {@code ConstraintLearner}s.
 */
public final class SpectralCatalog implements LearnerCatalog {
    @Override
    public String family() {
        return "spectral";
    }

    @Override
    public List<LearnerEntry> learners() {
        return List.of(
                new LearnerEntry("margin_spectral", "Xing et al. 2002, squared form: min Σ_S‖·‖²_W s.t. Σ_D‖·‖²_W ≥ α, W ⪰ 0 (generalized eigenproblem)",
                        p -> new Supervised<>(MarginSpectralLearner.from(p), new RandomPairs(p.getInt("constraints", 0)))),
                new LearnerEntry("trace_spectral", "Ghodsi, Wilkinson & Southey 2007: scatter difference with tr(W)=1 / rank-p orthonormal U",
                        p -> new Supervised<>(TraceSpectralLearner.from(p), new RandomPairs(p.getInt("constraints", 0)))),
                new LearnerEntry("fda", "Fisher discriminant analysis: S_B v = λ S_W v", FdaLearner::from),
                new LearnerEntry("mmc", "MMC (Xing et al. 2002), full or diagonal",
                        p -> new Supervised<>(MmcLearner.from(p), new RandomPairs(p.getInt("constraints", 0)))),
                new LearnerEntry("rca", "Relevant Component Analysis from chunklets",
                        p -> new Supervised<>(RcaLearner.from(p),
                                new RandomChunklets(p.getInt("chunks", 100), p.getInt("chunk_size", 2)))),
                new LearnerEntry("dca", "Discriminative Component Analysis (chunklets from similar pairs)",
                        p -> new Supervised<>(DcaLearner.from(p), new RandomPairs(p.getInt("constraints", 0)))),
                new LearnerEntry("lfda", "Local Fisher Discriminant Analysis", LfdaLearner::from),
                new LearnerEntry("gmml", "Geometric Mean Metric Learning, A = (S + λA₀⁻¹)⁻¹ #_t (D + λA₀) (t, reg, dims, "
                        + "prior identity|covariance, lambda ≥ 0 in pairs, 0 = no prior)",
                        p -> new Supervised<>(GmmlLearner.from(p), new RandomPairs(p.getInt("constraints", 0)))),
                new LearnerEntry("low_rank_gmml", "Bhutani et al. 2018: GMML's cost for W = UBUᵀ, U on the Stiefel manifold, B SPD, "
                        + "Riemannian conjugate gradient (dims, whiten dissimilar|none, reg, max_iter, tol, constraints)",
                        p -> new Supervised<>(LowRankGmmlLearner.from(p), new RandomPairs(p.getInt("constraints", 0)))),
                new LearnerEntry("aml", "Chen et al. 2018, adversarial metric learning on GMML's loss: confusion (closed-form adversarial "
                        + "pairs, proximity beta > 2) alternating with distinguishment (geometric mean, adversarial weight alpha >= 0); "
                        + "alpha 0 = gmml (alpha, beta, reg, max_iter, tol, constraints)",
                        p -> new Supervised<>(AmlLearner.from(p), new RandomPairs(p.getInt("constraints", 0)))),
                new LearnerEntry("lmnn", "Large Margin Nearest Neighbour (active-set gradient descent on L)", LmnnLearner::from),
                new LearnerEntry("lmnn_triplets", "LMNN on explicit triplets (label-supervised: k target neighbours × "
                        + "'impostors' random differently-labelled rows, 0 = all)",
                        p -> new Supervised<>(LmnnLearner.from(p), new KnnTriplets(p.getInt("k", 3), p.getInt("impostors", 10)))),
                new LearnerEntry("lsml", "LSML: relative comparisons (quadruplets), squared hinge + LogDet prior",
                        p -> new Supervised<>(LsmlLearner.from(p), new RandomQuadruplets(p.getInt("constraints", 0)))),
                new LearnerEntry("kernel_fda", "kernel FDA (RBF/polynomial), out-of-sample kernel embedding", KernelFdaLearner::from),
                new LearnerEntry("regularized_spectral", "Baghshah & Shouraki 2009: trace_spectral plus λ·tr(UᵀRU), R from an LLE or "
                        + "Laplacian k-NN graph (graph, lambda, k, dims, constraints)",
                        p -> new Supervised<>(RegularizedSpectralLearner.from(p), new RandomPairs(p.getInt("constraints", 0)))),
                new LearnerEntry("kernel_eigen_weights", "kernel eigendecomposition approach (after Yeung & Chang 2007): non-negative "
                        + "weights on the centred kernel's eigenvectors from a QP on similar/dissimilar pairs, variance kept (kernel, gamma, "
                        + "components, landmarks, constraints, dissimilar_weight, eta)", KernelEigenWeightsLearner::from),
                new LearnerEntry("llma", "Chang & Yeung 2004, locally linear metric adaptation: RBF-weighted local translations pull "
                        + "same-class neighbours together, keep k-NN displacements (sigma, lambda, pairs, k, centres, ridge, max_iter, tol); "
                        + "non-linear, out-of-sample through the same RBF weights", LlmaLearner::from),
                new LearnerEntry("fish_mml", "FISH-MML (Zhang et al. 2018): per-view Fisher scatter difference + λ·HSIC between views, one "
                        + "orthonormal projection per dataset view, alternating eigenproblems (dims, hsic, within, combine, max_iter, tol)",
                        FishMmlLearner::from),
                kernelized(KernelizedMethod.MARGIN_SPECTRAL, "margin_spectral"),
                kernelized(KernelizedMethod.TRACE_SPECTRAL, "trace_spectral"),
                kernelized(KernelizedMethod.REGULARIZED_SPECTRAL, "regularized_spectral (graph on the kernel coordinates)"),
                kernelized(KernelizedMethod.RCA, "RCA (kernel RCA)"),
                kernelized(KernelizedMethod.DCA, "DCA (kernel DCA)"));
    }

    private static LearnerEntry kernelized(KernelizedMethod method, String linear) {
        return new LearnerEntry(method.key(), linear + " in kernel feature space (representer theorem, kernel PCA coordinates, "
                + "Nyström landmarks), out-of-sample kernel embedding", p -> KernelSpectralLearner.from(method, p));
    }
}
