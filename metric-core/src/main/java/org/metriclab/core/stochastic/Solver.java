package org.metriclab.core.stochastic;

/**
 * The {@code solver} of learners whose exact objective has no other solver choice (LMNN): the exact
 * full-data objective (the reference), or one of the stochastic modes.
 */
public enum Solver {
    EXACT, MINIBATCH, APPROXIMATE_KNN;

    /** The stochastic mode; null for {@code exact}. */
    public StochasticOptions.Mode mode() {
        return this == MINIBATCH ? StochasticOptions.Mode.MINIBATCH : this == APPROXIMATE_KNN ? StochasticOptions.Mode.APPROXIMATE_KNN : null;
    }
}
