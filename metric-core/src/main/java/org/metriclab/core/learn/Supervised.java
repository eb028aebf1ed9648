package org.metriclab.core.learn;

import org.metriclab.core.constraint.ConstraintSampler;
import org.metriclab.core.constraint.Constraints;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.LearnedMetric;

/**
 * Turns a constraint learner into a label-supervised learner by sampling its constraints from the
 * labels (stream "constraints" of the context). One adapter instead of a subclass per learner.
 */
public record Supervised<C extends Constraints, M extends LearnedMetric>(ConstraintLearner<C, M> core,
        ConstraintSampler<C> sampler) implements MetricLearner<M> {
    @Override
    public M fit(Dataset train, FitContext ctx) {
        train.requireAtLeastTwoClasses(String.valueOf(core));
        return core.fit(train.x(), sampler.sample(train, ctx.random("constraints")), ctx);
    }
}
