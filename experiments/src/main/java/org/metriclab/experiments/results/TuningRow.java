package org.metriclab.experiments.results;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * One line of tuning.csv: one validation fold of one candidate of the search for one outer trial.
 *
 * @param trial        the outer trial (dataset, learner label, seed, split, training size) the search serves
 * @param candidate    the candidate's position in the search, from 0
 * @param fold         the validation fold, from 0
 * @param params       canonical JSON of every parameter value of the candidate, defaults included
 * @param score        the selection measure on this fold; NaN when the candidate failed here
 * @param fitSeconds   wall time of this fold's fit
 * @param prunedAtRung the successive-halving rung that stopped the candidate, empty when it ran to the end
 */
public record TuningRow(TrialKey trial, int candidate, int fold, String params, double score, double fitSeconds, OptionalInt prunedAtRung) {
    public static final List<String> COLUMNS = List.of("dataset", "label", "seed", "split", "n_train", "candidate", "fold", "params",
            "validation_score", "fit_seconds", "pruned_at_rung");

    public TuningRow {
        if (candidate < 0 || fold < 0) {
            throw new IllegalArgumentException("candidate and fold must be >= 0, found " + candidate + " and " + fold);
        }
    }

    List<String> fields() {
        return List.of(trial.dataset(), trial.label(), Long.toString(trial.seed()), Integer.toString(trial.split()),
                Integer.toString(trial.nTrain()), Integer.toString(candidate), Integer.toString(fold), params, Double.toString(score),
                String.format(Locale.ROOT, "%.4f", fitSeconds), prunedAtRung.isPresent() ? Integer.toString(prunedAtRung.getAsInt()) : "");
    }

    static TuningRow of(List<String> f) {
        if (f.size() != COLUMNS.size()) {
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " fields (" + String.join(",", COLUMNS) + "), found " + f.size());
        }
        try {
            TrialKey key = new TrialKey(f.get(0), f.get(1), Long.parseLong(f.get(2)), Integer.parseInt(f.get(3)), Integer.parseInt(f.get(4)));
            OptionalInt rung = f.get(10).isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(f.get(10)));
            return new TuningRow(key, Integer.parseInt(f.get(5)), Integer.parseInt(f.get(6)), f.get(7), Double.parseDouble(f.get(8)),
                    Double.parseDouble(f.get(9)), rung);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed, split, n_train, candidate, fold, validation_score, fit_seconds and pruned_at_rung"
                    + " must be numbers: " + e.getMessage());
        }
    }
}
