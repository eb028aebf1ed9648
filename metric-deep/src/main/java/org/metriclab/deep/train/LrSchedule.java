package org.metriclab.deep.train;

import java.util.Locale;

/**
 * How the learning rate changes over a run, as a multiplier of the configured rate at a (fractional)
 * epoch e of a run of E epochs with P iterations per epoch.
 */
public enum LrSchedule {
    /** 1. */
    CONSTANT,
    /** γ^⌊e / step_epochs⌋. */
    STEP,
    /** γ^⌊e⌋. */
    EXPONENTIAL,
    /** ½(1 + cos(π·i / (E·P))) at iteration i: from 1 to 0 over the run. */
    COSINE;

    /** The multiplier at iteration {@code iteration} (0-based) of a run of {@code epochs} × {@code perEpoch} iterations. */
    double factor(long iteration, int perEpoch, int epochs, double gamma, int stepEpochs) {
        double epoch = (double) iteration / perEpoch;
        return switch (this) {
            case CONSTANT -> 1.0;
            case STEP -> Math.pow(gamma, Math.floor(epoch / stepEpochs));
            case EXPONENTIAL -> Math.pow(gamma, Math.floor(epoch));
            case COSINE -> 0.5 * (1 + Math.cos(Math.PI * iteration / ((double) epochs * perEpoch)));
        };
    }

    /** The name used in configs. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
