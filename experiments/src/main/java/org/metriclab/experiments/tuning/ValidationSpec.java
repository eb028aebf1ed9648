package org.metriclab.experiments.tuning;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a training part is split for validation: {@code folds} folds, stratified by class, or with
 * {@code classDisjoint} each fold holding whole classes (validated by retrieval among its own rows).
 */
public record ValidationSpec(int folds, boolean classDisjoint) {
    public ValidationSpec {
        if (folds < 2) {
            throw new IllegalArgumentException("validation needs at least 2 folds, found " + folds);
        }
    }

    public Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "kfold");
        m.put("folds", folds);
        m.put("class_disjoint", classDisjoint);
        return m;
    }
}
