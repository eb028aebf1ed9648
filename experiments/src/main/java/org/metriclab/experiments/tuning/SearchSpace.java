package org.metriclab.experiments.tuning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tuned parameters of one learner entry, in config order, each with its {@link Dimension}. */
public record SearchSpace(Map<String, Dimension> dimensions) {
    public SearchSpace {
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("a search space needs at least one parameter");
        }
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    }

    public int size() {
        return dimensions.size();
    }

    /** The parameter values at a point of the unit cube (one coordinate per dimension, in order). */
    public Map<String, Object> at(double[] unit) {
        if (unit.length != size()) {
            throw new IllegalArgumentException("expected " + size() + " coordinates, found " + unit.length);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, Dimension> e : dimensions.entrySet()) {
            out.put(e.getKey(), e.getValue().at(unit[i++]));
        }
        return out;
    }

    public Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        dimensions.forEach((k, d) -> m.put(k, d.toTree()));
        return m;
    }
}
