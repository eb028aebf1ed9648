package org.metriclab.spectral;

import java.util.Map;
import org.metriclab.core.contract.LearnerContract;
import org.metriclab.core.learn.LearnerCatalog;

/** The shared learner contract over every spectral learner (iterative ones shortened). */
class SpectralContractTest extends LearnerContract {
    @Override
    protected LearnerCatalog catalog() {
        return new SpectralCatalog();
    }

    @Override
    protected Map<String, Object> quickParams(String learner) {
        return switch (learner) {
            case "lmnn" -> Map.of("max_iter", 40, "min_iter", 5, "learn_rate", 1e-4);
            case "mmc" -> Map.of("max_iter", 20, "max_proj", 200);
            case "lsml" -> Map.of("max_iter", 30);
            default -> Map.of();
        };
    }
}
