package org.metriclab.core.learn;

import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.LearnedMetric;

/**
 * A metric learning algorithm: an immutable configuration whose {@code fit} returns an immutable
 * model. Implementations never modify their inputs and draw randomness only from the context.
 */
@FunctionalInterface
public interface MetricLearner<M extends LearnedMetric> {
    M fit(Dataset train, FitContext ctx);
}
