package org.metriclab.core.learn;

/**
 * Convergence reporting from a learner, without a logging framework in core. Iterative learners call
 * {@link #iteration} as they go and {@link #finished} once; anything the user must know about (an
 * iteration cap reached, a ridge added) goes to {@link #warn} and ends up in the results.
 */
public interface Progress {
    void iteration(int iteration, double objective);

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
