package org.metriclab.experiments.tuning;

import java.util.Arrays;
import java.util.Optional;

/** The search strategies of a {@code tuning:} block. */
public enum SearchKind {
    /** Independent uniform points of the unit cube. */
    RANDOM("random"),
    /** A randomly shifted Sobol low-discrepancy sequence. */
    SOBOL("sobol"),
    /** Tree-structured Parzen estimator ({@link TpeSearch}). */
    TPE("tpe"),
    /** An exhaustive grid as large as the budget ({@link GridSearch}), for reference searches. */
    GRID("grid");

    private final String configName;

    SearchKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<SearchKind> parse(String name) {
        return Arrays.stream(values()).filter(k -> k.configName.equals(name)).findFirst();
    }
}
