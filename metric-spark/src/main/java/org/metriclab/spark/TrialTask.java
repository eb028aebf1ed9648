package org.metriclab.spark;

import java.io.Serializable;
import org.metriclab.experiments.results.TrialKey;

/**
 * What one Spark task runs: the trial {@code key} of dataset {@code datasetIndex} (position in the config's
 * {@code datasets:} list) of the config with SHA-256 {@code configSha256}.
 */
record TrialTask(String configSha256, int datasetIndex, TrialKey key) implements Serializable {
}
