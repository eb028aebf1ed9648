package org.example.metriclab.fisher;

import java.util.List;
import org.metriclab.core.learn.LearnerCatalog;
import org.metriclab.core.learn.LearnerEntry;

/**
 * This extension's learners. Registered by the one line in
 * {@code META-INF/services/org.metriclab.core.learn.LearnerCatalog}; nothing in MetricLab changes.
 */
public final class FisherCatalog implements LearnerCatalog {
    @Override
    public String family() {
        return "example";
    }

    @Override
    public List<LearnerEntry> learners() {
        return List.of(new LearnerEntry(FisherScalingLearner.NAME,
                "diagonal Fisher scaling: M = diag(between / within class scatter)", FisherScalingLearner::from));
    }
}
