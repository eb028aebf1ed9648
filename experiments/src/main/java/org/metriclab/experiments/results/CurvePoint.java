package org.metriclab.experiments.results;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * One point of a learning curve a learner reported during a trial: the objective per iteration
 * ({@code Progress.iteration}, curve {@link #OBJECTIVE}) or a named curve from {@code Progress.measure}
 * (for deep learners {@code epoch_loss} and {@code validation_map_at_r} per epoch).
 *
 * @param curve the curve's name
 * @param step  the iteration or epoch (as the learner counts it)
 */
public record CurvePoint(TrialKey trial, String curve, int step, double value) implements Serializable {
    /** The curve of {@code Progress.iteration} values. */
    public static final String OBJECTIVE = "objective";
    public static final List<String> COLUMNS = List.of("dataset", "label", "seed", "split", "n_train", "curve", "step", "value");
    /** The header of curves.csv before {@code n_train} was added (trials read with n_train 0, unknown); still read. */
    public static final List<String> UNSIZED_COLUMNS = List.of("dataset", "label", "seed", "split", "curve", "step", "value");
    /** The header of curves.csv before named curves existed (objective per iteration only); still read. */
    public static final List<String> LEGACY_COLUMNS = List.of("dataset", "label", "seed", "split", "iteration", "objective");

    public CurvePoint {
        if (curve == null || !curve.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("a curve name is lower-case snake_case, got '" + curve + "'");
        }
    }

    List<String> fields() {
        return List.of(trial.dataset(), trial.label(), Long.toString(trial.seed()), Integer.toString(trial.split()),
                trial.nTrain() == 0 ? "" : Integer.toString(trial.nTrain()), curve, Integer.toString(step), Double.toString(value));
    }

    /**
     * Parses one line's fields under {@code header}: {@link #COLUMNS}, {@link #UNSIZED_COLUMNS} (n_train 0), or
     * {@link #LEGACY_COLUMNS} (n_train 0, curve {@link #OBJECTIVE}).
     */
    static CurvePoint of(List<String> header, List<String> f) {
        if (f.size() != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " fields (" + String.join(",", header) + "), found " + f.size());
        }
        int o = header.equals(COLUMNS) ? 1 : 0;
        int n = o == 0 || f.get(4).isEmpty() ? 0 : (int) Csv.integer(f.get(4), "n_train", 0, Integer.MAX_VALUE);
        TrialKey key = new TrialKey(f.get(0), f.get(1), Csv.integer(f.get(2), "seed", Long.MIN_VALUE, Long.MAX_VALUE),
                (int) Csv.integer(f.get(3), "split", 0, Integer.MAX_VALUE), n);
        if (header.equals(LEGACY_COLUMNS)) {
            return new CurvePoint(key, OBJECTIVE, step(f.get(4)), Csv.decimal(f.get(5), "objective"));
        }
        return new CurvePoint(key, f.get(4 + o), step(f.get(5 + o)), Csv.decimal(f.get(6 + o), "value"));
    }

    private static int step(String field) {
        return (int) Csv.integer(field, "step", Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** The header {@code line} if it is one curves.csv has had, else empty. */
    static Optional<List<String>> header(List<String> line) {
        return line.equals(COLUMNS) || line.equals(UNSIZED_COLUMNS) || line.equals(LEGACY_COLUMNS) ? Optional.of(line)
                : Optional.empty();
    }
}
