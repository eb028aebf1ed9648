package org.metriclab.experiments.results;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * One tidy result: a trial's value for one measure.
 *
 * @param learner     the registered learner name
 * @param label       the display label (the config's label plus swept values)
 * @param params      canonical JSON (sorted keys) of every parameter value used, defaults included
 * @param nTrain      the number of training rows the learner was fitted on; 0 when unknown (rows.csv
 *                    written before the column existed, where the field is empty)
 * @param value       NaN when the trial failed (then {@code warnings} says why)
 * @param fitSeconds  wall time of preprocessing + fit
 * @param warnings    the learner's warnings, "; "-separated ("" for none)
 *
 * <p>Serializable so that remote trial executors (metric-spark) can send rows back.
 */
public record ResultRow(String dataset, String learner, String label, String params, long seed, int split, int nTrain,
        String measure, double value, double fitSeconds, String warnings) implements Serializable {
    public static final List<String> COLUMNS = List.of("dataset", "learner", "label", "params", "seed", "split", "n_train",
            "measure", "value", "fit_seconds", "warnings");
    /** The header of rows.csv before {@code n_train} was added; such files are still read (n_train unknown, 0). */
    public static final List<String> LEGACY_COLUMNS = List.of("dataset", "learner", "label", "params", "seed", "split",
            "measure", "value", "fit_seconds", "warnings");

    public ResultRow {
        if (nTrain < 0) {
            throw new IllegalArgumentException("n_train must be >= 0 (0 = unknown), got " + nTrain);
        }
    }

    /** A row whose training-set size is unknown (0). */
    public ResultRow(String dataset, String learner, String label, String params, long seed, int split,
            String measure, double value, double fitSeconds, String warnings) {
        this(dataset, learner, label, params, seed, split, 0, measure, value, fitSeconds, warnings);
    }

    public TrialKey key() {
        return new TrialKey(dataset, label, seed, split, nTrain);
    }

    List<String> fields() {
        return List.of(dataset, learner, label, params, Long.toString(seed), Integer.toString(split), nTrain == 0 ? "" : Integer.toString(nTrain),
                measure, Double.toString(value), String.format(Locale.ROOT, "%.4f", fitSeconds), warnings);
    }

    /** Parses the fields of one line under {@code header} ({@link #COLUMNS} or {@link #LEGACY_COLUMNS}). */
    static ResultRow of(List<String> header, List<String> f) {
        if (f.size() != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " fields (" + String.join(",", header) + "), found " + f.size());
        }
        boolean legacy = header.equals(LEGACY_COLUMNS);
        int o = legacy ? 0 : 1;
        int n = legacy || f.get(6).isEmpty() ? 0 : (int) Csv.integer(f.get(6), "n_train", 0, Integer.MAX_VALUE);
        long seed = Csv.integer(f.get(4), "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        int split = (int) Csv.integer(f.get(5), "split", 0, Integer.MAX_VALUE);
        double value = Csv.decimal(f.get(7 + o), "value");
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("value must be a finite number, or NaN for a failed trial, found '" + f.get(7 + o) + "'");
        }
        double fit = Csv.decimal(f.get(8 + o), "fit_seconds");
        if (!Double.isNaN(fit) && !(fit >= 0 && fit < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("fit_seconds must be a finite number >= 0 (or NaN), found '" + f.get(8 + o) + "'");
        }
        return new ResultRow(f.get(0), f.get(1), f.get(2), f.get(3), seed, split, n, f.get(6 + o), value, fit, f.get(9 + o));
    }
}
