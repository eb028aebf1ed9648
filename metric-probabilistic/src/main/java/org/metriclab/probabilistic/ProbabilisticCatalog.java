package org.metriclab.probabilistic;

import java.util.List;
import org.metriclab.core.learn.LearnerCatalog;
import org.metriclab.core.learn.LearnerEntry;

/**
 * The probabilistic learners (survey §4 and metric-learn's supplementary ones): NCA, MCML, ITML,
 * Bayesian metric learning, MLKR, SDML, LDML, PCCA and SCML. Pair learners are label-supervised through
 * {@link org.metriclab.core.learn.Supervised} with {@link org.metriclab.core.constraint.RandomPairs}
 * ({@code constraints} pairs of each kind).
 */
public final class ProbabilisticCatalog implements LearnerCatalog {
    @Override
    public String family() {
        return "probabilistic";
    }

    @Override
    public List<LearnerEntry> learners() {
        return List.of(
                new LearnerEntry("nca", "neighbourhood components analysis (softmax neighbours; L-BFGS or SGD)", NcaLearner::from),
                new LearnerEntry("mcml", "metric learning by collapsing classes (projected gradient on the PSD cone)", McmlLearner::from),
                new LearnerEntry("itml", "information-theoretic metric learning (LogDet Bregman projections) on random pairs",
                        ItmlLearner::fromLabels),
                new LearnerEntry("itml_privileged", "ITML whose per-pair bounds come from distances in the dataset's privileged "
                        + "(training-only) columns (Fouad et al. 2013; teacher, floor, gamma, max_iter, tol, prior, constraints)",
                        ItmlPrivilegedLearner::from),
                new LearnerEntry("bayesian_ml", "Bayesian metric learning (Yang, Jin & Sukthankar 2007; variational posterior)",
                        BayesianMetricLearner::supervised),
                new LearnerEntry("mlkr", "metric learning for kernel regression (L-BFGS)", MlkrLearner::from),
                new LearnerEntry("sdml", "sparse determinant metric learning (graphical lasso) on random pairs", SdmlLearner::supervised),
                new LearnerEntry("ldml", "logistic discriminant metric learning on random pairs (projected gradient; dims > 0: low-rank L = the ERM view, L-BFGS)",
                        LdmlLearner::supervised),
                new LearnerEntry("pcca", "pairwise constrained component analysis, low-rank L (dims, beta, regularization, max_iter, tol, constraints)", PccaLearner::supervised),
                new LearnerEntry("kernel_pcca", "kernel PCCA, RBF kernel (dims, sigma, beta, regularization, max_iter, tol, constraints)", KernelPccaLearner::supervised),
                new LearnerEntry("iml", "imbalanced metric learning: separately averaged similar/dissimilar hinges on k-NN pairs "
                        + "(a, margin, lambda, k, max_iter, tol, step)", ImlLearner::supervised),
                new LearnerEntry("scml", "sparse compositional metric learning (basis, n_basis, beta, gamma, max_iter, output_iter, batch_size, k_genuine, k_impostor, tol)", ScmlLearner::from));
    }
}
