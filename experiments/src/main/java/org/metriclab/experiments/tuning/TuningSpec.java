package org.metriclab.experiments.tuning;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The global {@code tuning:} block: the same budget, strategy and validation for every tuned learner.
 *
 * @param selectBy the measure whose mean over validation folds scores a candidate (higher is better)
 * @param seed     seeds the search and the validation folds, together with the trial's own seed and split
 */
public record TuningSpec(Budget budget, SearchKind search, ValidationSpec validation, String selectBy, long seed) {
    public Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("budget", budget.toTree());
        m.put("search", search.configName());
        m.put("validation", validation.toTree());
        m.put("select_by", selectBy);
        m.put("seed", seed);
        return m;
    }
}
