package org.metriclab.experiments.run;

import java.util.Optional;
import org.metriclab.experiments.results.TrialKey;

/** Follows a run's progress (the CLI draws a progress bar). Calls may come from several threads. */
public interface RunListener {
    void started(int total, int alreadyDone);

    /** @param failure the reason when the trial failed */
    void trialFinished(TrialKey trial, double seconds, Optional<String> failure);

    default void finished() {
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
