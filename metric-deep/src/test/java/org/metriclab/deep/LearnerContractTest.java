package org.metriclab.deep;

import java.util.List;
import java.util.Map;
import org.metriclab.core.contract.LearnerContract;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.LearnerCatalog;

/** The shared learner contract over the deep catalogue, with tiny networks. */
class LearnerContractTest extends LearnerContract {
    @Override
    protected LearnerCatalog catalog() {
        return new DeepCatalog();
    }

    @Override
    protected Map<String, Object> quickParams(String learner) {
        if (learner.equals("spd_net")) {
            return Map.of("descriptor", "blocks", "blocks", 5, "bimaps", List.of(1), "embedding_size", 3, "batch_size", 12, "m", 4, "epochs", 1);
        }
        if (learner.equals("cross_modal")) {
            return Map.of("modalities", List.of(List.of(0, 1), List.of(2, 4)), "hidden", List.of(8), "embedding_size", 3, "batch_size", 12, "m", 4,
                    "epochs", 1);
        }
        return Map.of("hidden", List.of(8), "embedding_size", 3, "batch_size", 12, "m", 4, "epochs", 1);
    }

    static Dataset blobs5() {
        return blobs(1);
    }
}
