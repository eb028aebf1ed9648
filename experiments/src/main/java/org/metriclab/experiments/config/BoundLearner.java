package org.metriclab.experiments.config;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A learner variant that was created successfully while the config was bound: its label, registered
 * type, and every parameter value it uses (defaults included, sorted by key).
 */
public record BoundLearner(String type, String label, Map<String, Object> resolvedParams) {
    public BoundLearner {
        resolvedParams = Collections.unmodifiableMap(new TreeMap<>(resolvedParams));
    }
}
