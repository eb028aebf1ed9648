package org.metriclab.probabilistic;

import java.util.Map;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.contract.LearnerContract;
import org.metriclab.core.learn.LearnerCatalog;

class ProbabilisticContractTest extends LearnerContract {
    @Override
    protected LearnerCatalog catalog() {
        return new ProbabilisticCatalog();
    }

    @Override
    protected Map<String, Object> quickParams(String learner) {
        return switch (learner) {
            case "nca" -> Map.of("max_iter", 30);
            case "mlkr" -> Map.of("max_iter", 30);
            case "mcml" -> Map.of("max_iter", 20);
            case "itml", "itml_privileged" -> Map.of("max_iter", 50, "constraints", 60);
            case "sdml" -> Map.of("balance_param", 1e-3, "constraints", 60);
            case "ldml" -> Map.of("max_iter", 30, "constraints", 60);
            case "bayesian_ml" -> Map.of("max_iter", 30, "constraints", 60);
            default -> Map.of();
        };
    }

    /** itml_privileged gets two privileged columns: the class id and a noisy copy of the first feature. */
    @Override
    protected Dataset prepared(String learner, Dataset data) {
        if (!learner.equals("itml_privileged")) {
            return data;
        }
        double[][] p = new double[data.size()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = new double[] {data.labels().get(i), data.x().get(i, 0) + 0.1 * Math.sin(i)};
        }
        return data.withPrivileged(Matrix.of(p));
    }
}
