package org.metriclab.deep;

import java.util.Locale;

/**
 * The non-linearity after every hidden layer (and every decoder layer of the autoencoder). Config
 * names are the lower-case constant names ({@code relu}, {@code leaky_relu}, …).
 */
public enum Activation {
    /** max(0, y). */
    RELU,
    /** tanh(y). */
    TANH,
    /** 1 / (1 + e^−y). */
    SIGMOID,
    /** y for y &gt; 0, 0.01·y otherwise. */
    LEAKY_RELU,
    /** y for y &gt; 0, e^y − 1 otherwise. */
    ELU,
    /** y: no non-linearity. */
    IDENTITY;

    /** The name used in configs and model files. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
