package org.metriclab.experiments.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One {@code learners:} entry: a registered learner name ({@code type}), an optional display label
 * (default: the type), fixed {@code params} and a {@code sweep} grid (parameter → list of values,
 * expanded as a cartesian product in the order given). The variants' labels show the swept values,
 * e.g. {@code lfda (k=3)}.
 */
public record LearnerSpec(String type, String label, Map<String, Object> params, Map<String, List<Object>> sweep) {
    public LearnerSpec {
        Map<String, Object> fixed = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        params = fixed;
        Map<String, List<Object>> s = new LinkedHashMap<>();
        sweep.forEach((k, v) -> {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("sweep '" + k + "' needs at least one value");
            }
            if (fixed.containsKey(k)) {
                throw new IllegalArgumentException("'" + k + "' is both a fixed parameter and swept; keep one");
            }
            s.put(k, List.copyOf(v));
        });
        sweep = Collections.unmodifiableMap(s);
    }

    /** One concrete configuration per grid point, in grid order (last key varies fastest). */
    public List<Variant> expand() {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> e : sweep.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> p : points) {
                for (Object v : e.getValue()) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.put(e.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        List<Variant> out = new ArrayList<>();
        for (Map<String, Object> point : points) {
            Map<String, Object> all = new LinkedHashMap<>(params);
            all.putAll(point);
            String l = point.isEmpty() ? label : label + " (" + point.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")) + ")";
            out.add(new Variant(type, l, all));
        }
        return out;
    }

    /** A concrete learner configuration: given parameters only (defaults are resolved when it is created). */
    public record Variant(String type, String label, Map<String, Object> params) {
        public Variant {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    public Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("label", label);
        m.put("params", params);
        if (!sweep.isEmpty()) {
            m.put("sweep", sweep);
        }
        return m;
    }
}
