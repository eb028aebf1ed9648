package org.metriclab.experiments.results;

import java.util.List;

/** One objective value a learner reported through {@code Progress.iteration} during a trial. */
public record CurvePoint(TrialKey trial, int iteration, double objective) implements java.io.Serializable {
    public static final List<String> COLUMNS = List.of("dataset", "label", "seed", "split", "iteration", "objective");

    List<String> fields() {
        return List.of(trial.dataset(), trial.label(), Long.toString(trial.seed()), Integer.toString(trial.split()),
                Integer.toString(iteration), Double.toString(objective));
    }

    static TrialKey keyOf(List<String> f) {
        if (f.size() != COLUMNS.size()) {
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " fields, found " + f.size());
        }
        return new TrialKey(f.get(0), f.get(1), Long.parseLong(f.get(2)), Integer.parseInt(f.get(3)));
    }
}
