package org.metriclab.experiments.tuning;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The global {@code tuning:} block: the same budget, strategy, validation and scheduler for every tuned learner.
 *
 * @param selectBy  the measure whose mean over validation folds scores a candidate (higher is better)
 * @param seed      seeds the search and the validation folds, together with the trial's own seed and split
 * @param scheduler how much training each candidate gets ({@link Scheduler.Full} unless the block names one)
 */
public record TuningSpec(Budget budget, SearchKind search, ValidationSpec validation, String selectBy, long seed, Scheduler scheduler) {
    public TuningSpec {
        if (scheduler instanceof Scheduler.SuccessiveHalving && !(budget instanceof Budget.Trials)) {
            throw new IllegalArgumentException("successive halving needs a budget of {trials: N}: it ranks a known number of candidates");
        }
    }

    /** Every candidate trains fully. */
    public TuningSpec(Budget budget, SearchKind search, ValidationSpec validation, String selectBy, long seed) {
        this(budget, search, validation, selectBy, seed, Scheduler.full());
    }

    public Map<String, Object> toTree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("budget", budget.toTree());
        m.put("search", search.configName());
        m.put("validation", validation.toTree());
        m.put("select_by", selectBy);
        m.put("seed", seed);
        if (!(scheduler instanceof Scheduler.Full)) {
            m.put("scheduler", scheduler.toTree());
        }
        return m;
    }
}
