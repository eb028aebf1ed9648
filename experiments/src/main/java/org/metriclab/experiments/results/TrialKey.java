package org.metriclab.experiments.results;

/** Identifies one trial within a run: dataset, learner label, seed and split index (serializable: it travels to remote trial executors). */
public record TrialKey(String dataset, String label, long seed, int split) implements java.io.Serializable {
    @Override
    public String toString() {
        return dataset + " / " + label + " / seed " + seed + " / split " + split;
    }
}
