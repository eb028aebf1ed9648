package org.metriclab.experiments.run;

import java.util.Optional;
import org.metriclab.experiments.results.TrialKey;
import org.metriclab.experiments.tuning.TuningProgress;

/** Follows a run's progress (the CLI draws a progress bar). Calls may come from several threads. */
public interface RunListener {
    void started(int total, int alreadyDone);

    /** @param failure the reason when the trial failed */
    void trialFinished(TrialKey trial, double seconds, Optional<String> failure);

    default void finished() {
    }

    /** After each validation fold of a hyperparameter search (before the trials start); the default ignores it. */
    default void tuning(TuningProgress progress) {
    }

    static RunListener none() {
        return new RunListener() {
            @Override
            public void started(int total, int alreadyDone) {
            }

            @Override
            public void trialFinished(TrialKey trial, double seconds, Optional<String> failure) {
            }
        };
    }
}
