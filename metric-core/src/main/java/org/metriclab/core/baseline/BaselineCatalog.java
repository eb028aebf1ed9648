package org.metriclab.core.baseline;

import java.util.List;
import org.metriclab.core.learn.LearnerCatalog;
import org.metriclab.core.learn.LearnerEntry;

/** The baselines every comparison should include. */
public final class BaselineCatalog implements LearnerCatalog {
    @Override
    public String family() {
        return "baseline";
    }

    @Override
    public List<LearnerEntry> learners() {
        return List.of(
                new LearnerEntry("euclidean", "identity metric (plain Euclidean distance)", EuclideanLearner::from),
                new LearnerEntry("covariance", "inverse sample covariance (classical Mahalanobis)", CovarianceLearner::from));
    }
}
