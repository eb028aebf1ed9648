package org.metriclab.spark;

import java.io.Serializable;
import java.util.ArrayList;
import org.metriclab.experiments.results.TrialKey;

/**
 * What one Spark task runs: the trial {@code key} of dataset {@code datasetIndex} (position in the config's
 * {@code datasets:} list) of the config with SHA-256 {@code configSha256}. For a tuned trial,
 * {@code finishedTuning} holds the tuning.csv lines its search completed in an earlier run, which the task
 * does not fit again.
 */
record TrialTask(String configSha256, int datasetIndex, TrialKey key, ArrayList<String> finishedTuning) implements Serializable {
    TrialTask(String configSha256, int datasetIndex, TrialKey key) {
        this(configSha256, datasetIndex, key, new ArrayList<>());
    }
}
