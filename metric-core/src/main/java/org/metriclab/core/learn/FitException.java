package org.metriclab.core.learn;

import java.util.Objects;

/**
 * A learner that cannot produce a trustworthy metric from the data it was given: a singular or
 * non-finite system, a diverged optimisation, an embedding whose scale is out of bounds. It is
 * caused by the input or the chosen parameters, not by a bug, so the command line reports it as one
 * line (the reason and the hint) with exit code 1, and {@code run} records it as a failed trial.
 *
 * @param learner the learner's catalogue name, e.g. {@code sdml}
 * @param reason  what went wrong, naming the offending quantity
 * @param hint    how to get a fit, e.g. {@code lower balance_param (1e-4) or use prior=identity}
 */
public final class FitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String learner;
    private final String reason;
    private final String hint;

    public FitException(String learner, String reason, String hint) {
        this(learner, reason, hint, null);
    }

    public FitException(String learner, String reason, String hint, Throwable cause) {
        super(learner + ": " + reason + (hint == null || hint.isBlank() ? "" : "; " + hint), cause);
        this.learner = Objects.requireNonNull(learner, "learner");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.hint = hint == null ? "" : hint;
    }

    /** The catalogue name of the learner that failed. */
    public String learner() {
        return learner;
    }

    /** What went wrong. */
    public String reason() {
        return reason;
    }

    /** How to get a fit; empty when there is no general advice. */
    public String hint() {
        return hint;
    }
}
