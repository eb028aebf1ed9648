package org.metriclab.deep.train;

import java.util.Locale;

/** The update rule of {@link Updater}; config names {@code adam} and {@code sgd}. */
public enum Optimizer {
    /** Adam with β 0.9/0.999 and ε 1e-8, bias-corrected (PyTorch's form). */
    ADAM,
    /** SGD with momentum 0.9 (PyTorch's form v = μv + g; p −= lr·v). */
    SGD;

    /** The name used in configs. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
