package org.metriclab.core.constraint;

import java.util.List;
import java.util.random.RandomGenerator;
import org.metriclab.core.data.Labels;

/** Splits one epoch of a training set into mini-batches of row indices (deep learners). */
@FunctionalInterface
public interface BatchSampler {
    List<int[]> epoch(Labels labels, RandomGenerator rng);
}
