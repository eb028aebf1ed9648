package org.metriclab.core.learn;

/**
 * Convergence reporting from a learner, without a logging framework in core. Iterative learners call
 * {@link #iteration} as they go and {@link #finished} once; anything the user must know about (an
 * iteration cap reached, a ridge added) goes to {@link #warn} and ends up in the results. Learners
 * that track further learning curves (a per-epoch training loss, a validation score) report their
 * points through {@link #measure}.
 */
public interface Progress {
    /** Curve name of the mean training loss over one epoch's batches ({@link #measure}, step = 1-based epoch). */
    String EPOCH_LOSS = "epoch_loss";
    /** Curve name of MAP@R on held-out validation rows after an epoch ({@link #measure}, step = 1-based epoch). */
    String VALIDATION_MAP_AT_R = "validation_map_at_r";
    /** Curve name of the training throughput over one epoch, in samples per second ({@link #measure}, step = 1-based epoch). */
    String SAMPLES_PER_SECOND = "samples_per_second";

    void iteration(int iteration, double objective);

    /**
     * One point of a named learning curve other than the per-iteration objective, e.g.
     * {@code measure(EPOCH_LOSS, 3, 0.41)} after the third epoch. Names are lower-case snake_case
     * ({@link #EPOCH_LOSS}, {@link #VALIDATION_MAP_AT_R} and {@link #SAMPLES_PER_SECOND} are the ones
     * MetricLab's learners use); {@code step} counts from 1 in the curve's own unit (epochs for those). The default
     * ignores the point, so existing implementations keep working.
     */
    default void measure(String name, int step, double value) {
    }

    default void finished(int iterations, double objective, boolean converged) {
    }

    default void warn(String message) {
    }

    static Progress none() {
        return NoProgress.INSTANCE;
    }
}

enum NoProgress implements Progress {
    INSTANCE;

    @Override
    public void iteration(int iteration, double objective) {
    }
}
