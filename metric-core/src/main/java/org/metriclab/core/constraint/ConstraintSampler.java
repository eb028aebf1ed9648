package org.metriclab.core.constraint;

import java.util.random.RandomGenerator;
import org.metriclab.core.data.Dataset;

/** Draws constraints from a labelled training set before fitting (offline sampling). */
@FunctionalInterface
public interface ConstraintSampler<C extends Constraints> {
    C sample(Dataset train, RandomGenerator rng);
}
