package org.metriclab.experiments.tuning;

import java.util.Locale;
import java.util.OptionalInt;
import org.metriclab.experiments.results.TrialKey;

/**
 * Where a search stands after one validation fold: the searched trial, the rung (0 of 1 without a scheduler),
 * the candidate and fold just finished (from 1), the best mean validation score of the rung so far and the
 * candidate that has it (from 1; NaN and 0 before one finishes), and the search's wall time.
 *
 * @param candidates how many candidates the rung runs; empty for a time budget
 */
public record TuningProgress(TrialKey trial, int rung, int rungs, int candidate, OptionalInt candidates, int fold, int folds, double best,
        int bestCandidate, double elapsedSeconds) {
    /** E.g. "iris/lmnn seed 0 split 0: candidate 3/30, fold 2/3, best 0.8120 (#1), 4.2 s". */
    public String describe() {
        StringBuilder b = new StringBuilder(trial.dataset()).append('/').append(trial.label()).append(" seed ").append(trial.seed())
                .append(" split ").append(trial.split()).append(": ");
        if (rungs > 1) {
            b.append("rung ").append(rung + 1).append('/').append(rungs).append(", ");
        }
        b.append("candidate ").append(candidate);
        candidates.ifPresent(n -> b.append('/').append(n));
        b.append(", fold ").append(fold).append('/').append(folds).append(", best ");
        b.append(bestCandidate == 0 ? "-" : String.format(Locale.ROOT, "%.4f (#%d)", best, bestCandidate));
        return b.append(String.format(Locale.ROOT, ", %.1f s", elapsedSeconds)).toString();
    }
}
