package org.metriclab.experiments.config;

import java.util.Locale;

/**
 * How embeddings are evaluated. {@code TRAIN_REFERENCE}: the test rows are queries and the training
 * rows the reference set. {@code TEST_SELF}: all-vs-all within the test rows, each query's own row
 * excluded (by index).
 */
public enum RetrievalMode {
    TRAIN_REFERENCE, TEST_SELF;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
