package org.metriclab.experiments.results;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * One line of tuning.csv: one validation fold of one candidate, at one successive-halving rung, of the search
 * for one outer trial.
 *
 * @param trial        the outer trial (dataset, learner label, seed, split, training size) the search serves
 * @param candidate    the candidate's position in the search, from 0
 * @param fold         the validation fold, from 0
 * @param params       canonical JSON of every parameter value of the candidate at this rung, defaults included
 * @param score        the selection measure on this fold; NaN when the candidate failed here
 * @param fitSeconds   wall time of this fold's fit
 * @param prunedAtRung the successive-halving rung that stopped the candidate, empty when it ran to the end
 * @param rung         the successive-halving rung of this evaluation, 0 without a scheduler
 * @param reason       why the candidate failed on this fold (one line), empty when it did not
 */
public record TuningRow(TrialKey trial, int candidate, int fold, String params, double score, double fitSeconds, OptionalInt prunedAtRung,
        int rung, String reason) {
    public static final List<String> COLUMNS = List.of("dataset", "label", "seed", "split", "n_train", "candidate", "fold", "params",
            "validation_score", "fit_seconds", "pruned_at_rung", "rung", "reason");
    /** The columns of files written before rungs and failure reasons were recorded; they read as rung 0 without reasons. */
    public static final List<String> COLUMNS_WITHOUT_RUNG = COLUMNS.subList(0, 11);

    public TuningRow {
        if (candidate < 0 || fold < 0 || rung < 0) {
            throw new IllegalArgumentException("candidate, fold and rung must be >= 0, found " + candidate + ", " + fold + " and " + rung);
        }
        reason = reason.replaceAll("\\s+", " ").strip();
    }

    /** A row of a search without a scheduler that did not fail. */
    public TuningRow(TrialKey trial, int candidate, int fold, String params, double score, double fitSeconds, OptionalInt prunedAtRung) {
        this(trial, candidate, fold, params, score, fitSeconds, prunedAtRung, 0, "");
    }

    /** The same row marked as stopped at {@code rung}. */
    public TuningRow prunedAt(int rung) {
        return new TuningRow(trial, candidate, fold, params, score, fitSeconds, OptionalInt.of(rung), this.rung, reason);
    }

    /** The row as one tuning.csv line, for carrying it between processes. */
    public String toCsvLine() {
        return Csv.line(fields());
    }

    /** A row from {@link #toCsvLine}. */
    public static TuningRow fromCsvLine(String line) {
        return of(Csv.parse(line));
    }

    List<String> fields() {
        return List.of(trial.dataset(), trial.label(), Long.toString(trial.seed()), Integer.toString(trial.split()),
                Integer.toString(trial.nTrain()), Integer.toString(candidate), Integer.toString(fold), params, Double.toString(score),
                String.format(Locale.ROOT, "%.4f", fitSeconds), prunedAtRung.isPresent() ? Integer.toString(prunedAtRung.getAsInt()) : "",
                Integer.toString(rung), reason);
    }

    /** Parses the fields of a line with {@link #COLUMNS} or, from older files, {@link #COLUMNS_WITHOUT_RUNG}. */
    static TuningRow of(List<String> f) {
        if (f.size() != COLUMNS.size() && f.size() != COLUMNS_WITHOUT_RUNG.size()) {
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " fields (" + String.join(",", COLUMNS) + "), found " + f.size());
        }
        try {
            TrialKey key = new TrialKey(f.get(0), f.get(1), Long.parseLong(f.get(2)), Integer.parseInt(f.get(3)), Integer.parseInt(f.get(4)));
            OptionalInt pruned = f.get(10).isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(f.get(10)));
            boolean full = f.size() == COLUMNS.size();
            return new TuningRow(key, Integer.parseInt(f.get(5)), Integer.parseInt(f.get(6)), f.get(7), Double.parseDouble(f.get(8)),
                    Double.parseDouble(f.get(9)), pruned, full ? Integer.parseInt(f.get(11)) : 0, full ? f.get(12) : "");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed, split, n_train, candidate, fold, validation_score, fit_seconds, pruned_at_rung and rung"
                    + " must be numbers: " + e.getMessage());
        }
    }
}
