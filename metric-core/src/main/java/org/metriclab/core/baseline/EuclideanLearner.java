package org.metriclab.core.baseline;

import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;

/** The identity baseline: L = I, plain Euclidean distance. */
public record EuclideanLearner() implements MetricLearner<MahalanobisMetric> {
    public static EuclideanLearner from(Params p) {
        return new EuclideanLearner();
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        return MahalanobisMetric.identity(train.dim());
    }
}
