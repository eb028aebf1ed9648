package org.metriclab.experiments.run;

import java.util.List;
import org.metriclab.experiments.config.ExperimentConfig;

/**
 * An engine that runs each trial's hyperparameter search inside the trial's own task. For other engines the runner
 * tunes on the driver first, which only the local engine supports.
 */
public interface TuningTrialExecutor extends TrialExecutor {
    /**
     * Like {@link #execute(ExperimentConfig, List, Sink)} for trials whose tuned learners still carry their untuned
     * parameters: each such trial first runs its search on its training part (resuming from {@code tuning}), then
     * runs with the chosen parameters.
     */
    void execute(ExperimentConfig cfg, List<Trial> pending, Tuning tuning, Sink sink) throws InterruptedException;
}
