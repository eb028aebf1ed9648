package org.metriclab.deep;

import java.util.Locale;

/** The architecture of the embedding network ({@link NetSpec}); config names {@code mlp} and {@code cnn}. */
public enum NetKind {
    /** Dense layers on the flat input. */
    MLP,
    /** 3×3 convolutions with 2×2 max-pooling on square images, then dense layers. */
    CNN;

    /** The name used in configs and model files. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
