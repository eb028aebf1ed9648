package org.metriclab.core.learn;

import org.metriclab.core.constraint.Constraints;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.linalg.Matrix;

/** A weakly supervised learner: fits from explicit constraints (pairs, triplets, ...) over the rows of x. */
@FunctionalInterface
public interface ConstraintLearner<C extends Constraints, M extends LearnedMetric> {
    M fit(Matrix x, C constraints, FitContext ctx);
}
