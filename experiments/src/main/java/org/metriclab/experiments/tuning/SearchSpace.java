package org.metriclab.experiments.tuning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tuned parameters of one learner entry, in config order, each with its {@link Dimension}. A
 * {@link Dimension.Conditional} must name a choice declared before it, so one pass in order decides which
 * dimensions a point activates.
 */
public record SearchSpace(Map<String, Dimension> dimensions) {
    public SearchSpace {
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("a search space needs at least one parameter");
        }
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, Dimension> e : dimensions.entrySet()) {
            if (e.getValue() instanceof Dimension.Conditional c) {
                Dimension parent = dimensions.get(c.parent());
                if (!seen.contains(c.parent()) || !(unwrap(parent) instanceof Dimension.Choice choice)) {
                    throw new IllegalArgumentException("'" + e.getKey() + "' depends on '" + c.parent()
                            + "', which must be a choice declared before it in the same space");
                }
                for (Object v : c.values()) {
                    if (!choice.values().contains(v)) {
                        throw new IllegalArgumentException("'" + e.getKey() + "' depends on " + c.parent() + " = " + v + ", which is not one of "
                                + choice.values());
                    }
                }
            }
            seen.add(e.getKey());
        }
    }

    private static Dimension unwrap(Dimension d) {
        return d instanceof Dimension.Conditional c ? c.inner() : d;
    }

    public int size() {
        return dimensions.size();
    }

    /** Whether any dimension is conditional. */
    public boolean isConditional() {
        return dimensions.values().stream().anyMatch(d -> d instanceof Dimension.Conditional);
    }

    /** The parameter values at a point of the unit cube (one coordinate per dimension, in order); inactive dimensions are left out. */
    public Map<String, Object> at(double[] unit) {
        if (unit.length != size()) {
            throw new IllegalArgumentException("expected " + size() + " coordinates, found " + unit.length);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, Dimension> e : dimensions.entrySet()) {
            Dimension d = e.getValue();
            if (!(d instanceof Dimension.Conditional c) || c.activeFor(out.get(c.parent()))) {
                out.put(e.getKey(), d.at(unit[i]));
            }
            i++;
        }
        return out;
    }

    /** Which dimensions the point activates, in order (all of them in a space without conditions). */
    public boolean[] active(double[] unit) {
        Map<String, Object> values = at(unit);
        boolean[] out = new boolean[size()];
        int i = 0;
        for (String key : dimensions.keySet()) {
            out[i++] = values.containsKey(key);
        }
        return out;
    }

    public Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        dimensions.forEach((k, d) -> m.put(k, d.toTree()));
        return m;
    }
}
