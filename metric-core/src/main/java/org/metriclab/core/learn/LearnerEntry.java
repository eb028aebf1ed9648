package org.metriclab.core.learn;

import java.util.function.Function;

/**
 * One registered learner: a short stable name (used in configs and on the command line), a one-line
 * description, and a factory that binds {@link Params} (reading every key it knows, defaults included).
 */
public record LearnerEntry(String name, String description, Function<Params, MetricLearner<?>> factory) {
    public LearnerEntry {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("learner names are lower_snake_case, got '" + name + "'");
        }
    }
}
