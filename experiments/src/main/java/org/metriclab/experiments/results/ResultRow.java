package org.metriclab.experiments.results;

import java.util.List;
import java.util.Locale;

/**
 * One tidy result: a trial's value for one measure.
 *
 * @param learner     the registered learner name
 * @param label       the display label (the config's label plus swept values)
 * @param params      canonical JSON (sorted keys) of every parameter value used, defaults included
 * @param value       NaN when the trial failed (then {@code warnings} says why)
 * @param fitSeconds  wall time of preprocessing + fit
 * @param warnings    the learner's warnings, "; "-separated ("" for none)
 *
 * <p>Serializable so that remote trial executors (metric-spark) can send rows back.
 */
public record ResultRow(String dataset, String learner, String label, String params, long seed, int split,
        String measure, double value, double fitSeconds, String warnings) implements java.io.Serializable {
    public static final List<String> COLUMNS = List.of("dataset", "learner", "label", "params", "seed", "split",
            "measure", "value", "fit_seconds", "warnings");

    public TrialKey key() {
        return new TrialKey(dataset, label, seed, split);
    }

    List<String> fields() {
        return List.of(dataset, learner, label, params, Long.toString(seed), Integer.toString(split), measure,
                Double.toString(value), String.format(Locale.ROOT, "%.4f", fitSeconds), warnings);
    }

    static ResultRow of(List<String> f) {
        if (f.size() != COLUMNS.size()) {
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " fields (" + String.join(",", COLUMNS) + "), found " + f.size());
        }
        try {
            return new ResultRow(f.get(0), f.get(1), f.get(2), f.get(3), Long.parseLong(f.get(4)), Integer.parseInt(f.get(5)),
                    f.get(6), Double.parseDouble(f.get(7)), Double.parseDouble(f.get(8)), f.get(9));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed, split, value and fit_seconds must be numbers: " + e.getMessage());
        }
    }
}
