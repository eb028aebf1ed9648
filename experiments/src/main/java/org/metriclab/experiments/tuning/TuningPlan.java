package org.metriclab.experiments.tuning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a config tunes: the global {@link TuningSpec} and the search space of each tuned learner variant,
 * by variant label. {@link #none()} tunes nothing (a config without a {@code tuning:} block).
 */
public record TuningPlan(Optional<TuningSpec> spec, Map<String, SearchSpace> spaces) {
    public TuningPlan {
        spaces = Collections.unmodifiableMap(new LinkedHashMap<>(spaces));
        if (spec.isEmpty() != spaces.isEmpty()) {
            throw new IllegalArgumentException("a tuning block needs at least one learner with a space, and a space needs a tuning block");
        }
    }

    public static TuningPlan none() {
        return new TuningPlan(Optional.empty(), Map.of());
    }

    public boolean isActive() {
        return spec.isPresent();
    }

    /** The space of the variant labelled {@code label}, when it is tuned. */
    public Optional<SearchSpace> spaceOf(String label) {
        return Optional.ofNullable(spaces.get(label));
    }

    /** The resolved form: the block's settings plus {@code spaces} by variant label. */
    public Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>(spec.orElseThrow().toTree());
        Map<String, Object> s = new LinkedHashMap<>();
        spaces.forEach((label, space) -> s.put(label, space.toTree()));
        m.put("spaces", s);
        return m;
    }
}
