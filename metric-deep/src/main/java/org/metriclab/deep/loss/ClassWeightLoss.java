package org.metriclab.deep.loss;

import java.util.random.RandomGenerator;

/**
 * A loss that owns one trainable weight row (proxy or class vector) per class, initialised i.i.d.
 * N(0, {@link #initialStd}²) as PML does for that loss.
 */
interface ClassWeightLoss extends MetricLoss {

    /** Standard deviation of the initial weights for C classes and embedding size D. */
    double initialStd(int classes, int dim);

    @Override
    default boolean usesWeights() {
        return true;
    }

    @Override
    default double[] initialWeights(int classes, int dim, RandomGenerator rng) {
        return MetricLoss.gaussian(classes * dim, initialStd(classes, dim), rng);
    }
}
