package org.metriclab.core.baseline;

import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.IdentityMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;

/** The identity baseline: L = I, plain Euclidean distance, stored without a d × d matrix. */
public record EuclideanLearner() implements MetricLearner<IdentityMetric> {
    public static EuclideanLearner from(Params p) {
        return new EuclideanLearner();
    }

    @Override
    public IdentityMetric fit(Dataset train, FitContext ctx) {
        return new IdentityMetric(train.dim());
    }
}
