package org.metriclab.experiments.report;

import java.util.Locale;

/** How an embedding scatter plot shows embeddings of more than two dimensions in 2-D. */
public enum Projection {
    /** The first two principal components of the plotted test embeddings: linear, fast, keeps global distances. */
    PCA,
    /** Exact t-SNE, seeded with the run's first seed: shows neighbourhoods and clusters, not global distances. */
    TSNE;

    /** The name {@code --projection} takes. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code pca} or {@code tsne}. */
    public static Projection parse(String s) {
        for (Projection p : values()) {
            if (p.configName().equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("--projection must be pca or tsne, got '" + s + "'");
    }
}
