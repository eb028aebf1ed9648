package org.metriclab.deep;

import java.util.List;
import org.metriclab.core.learn.LearnerCatalog;
import org.metriclab.core.learn.LearnerEntry;
import org.metriclab.deep.crossmodal.CrossModalLearner;
import org.metriclab.deep.spd.SpdNetLearner;

/** Deep metric learners on DL4J/SameDiff with pytorch-metric-learning-exact losses. */
public final class DeepCatalog implements LearnerCatalog {
    @Override
    public String family() {
        return "deep";
    }

    @Override
    public List<LearnerEntry> learners() {
        return List.of(
                new LearnerEntry("deep_metric", "embedding network trained with a PML loss (contrastive, triplet, proxy, …) and miner",
                        DeepMetricLearner::from),
                new LearnerEntry("autoencoder", "embedding = bottleneck of a reconstruction autoencoder (unsupervised baseline)",
                        AutoencoderLearner::from),
                new LearnerEntry("cross_modal", "two towers (one network per column group in modalities) into one shared space, cross-modal contrastive or triplet loss",
                        CrossModalLearner::from),
                new LearnerEntry("spd_net", "SPDNet on covariance descriptors: BiMap (Stiefel, Riemannian SGD) + ReEig layers, LogEig, dense embedding, metric loss",
                        SpdNetLearner::from));
    }
}
