package org.metriclab.deep.loss;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A deep-metric-learning loss in float64 with its exact analytic gradient, following
 * pytorch-metric-learning 2.8.1 (distances normalise embeddings, ordered pairs, per-loss reducers).
 * The same implementation is used for checking (golden values) and for training.
 */
public interface MetricLoss {
    String name();

    /** Every parameter with the value in use (defaults included), named as in PML's constructor. */
    Map<String, Object> params();

    LossOutput evaluate(LossBatch batch);

    /**
     * The loss one training run evaluates batch after batch: this loss itself, or for a loss that keeps
     * state across batches (a memory of past embeddings) a fresh instance owning that state.
     */
    default MetricLoss forRun() {
        return this;
    }

    /**
     * The state this run's loss carries from batch to batch (the rows of a cross-batch memory), empty for
     * the stateless losses; checkpoints store it so that a resumed run continues with the same memory.
     */
    default java.util.Optional<MemoryState> memoryState() {
        return java.util.Optional.empty();
    }

    /**
     * Replaces this run's memory by a stored one (only losses whose {@link #memoryState()} is present).
     *
     * @throws IllegalArgumentException when this loss keeps no memory or the stored one does not fit its configuration
     */
    default void restoreMemory(MemoryState state) {
        throw new IllegalArgumentException("loss '" + name() + "' keeps no memory across batches");
    }

    /** Whether this loss owns a C×D matrix of proxies/class weights that must be trained too. */
    default boolean usesWeights() {
        return false;
    }

    /** PML's default initialisation of the weights (only for {@link #usesWeights()} losses). */
    default double[] initialWeights(int classes, int dim, RandomGenerator rng) {
        throw new IllegalStateException(name() + " has no weights");
    }

    static double[] gaussian(int count, double std, RandomGenerator rng) {
        double[] w = new double[count];
        for (int i = 0; i < count; i++) {
            w[i] = rng.nextGaussian() * std;
        }
        return w;
    }
}
