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
        return Map.of("hidden", List.of(8), "embedding_size", 3, "batch_size", 12, "m", 4, "epochs", 1);
    }

    static Dataset blobs5() {
        return blobs(1);
    }
}
