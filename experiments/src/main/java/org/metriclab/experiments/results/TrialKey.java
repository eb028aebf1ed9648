package org.metriclab.experiments.results;

import java.io.Serializable;

/**
 * Identifies one trial within a run: dataset, learner label, seed, split index and the number of training rows
 * (serializable: it travels to remote trial executors). With a {@code train_sizes} sweep the trials of one
 * dataset, label, seed and split differ only in {@code nTrain}.
 *
 * @param nTrain the training rows the learner is fitted on; 0 when unknown (rows.csv and curves.csv written
 *               before the {@code n_train} column existed)
 */
public record TrialKey(String dataset, String label, long seed, int split, int nTrain) implements Serializable {
    public TrialKey {
        if (nTrain < 0) {
            throw new IllegalArgumentException("n_train must be >= 0 (0 = unknown), got " + nTrain);
        }
    }

    /** A key whose training-set size is unknown (0). */
    public TrialKey(String dataset, String label, long seed, int split) {
        this(dataset, label, seed, split, 0);
    }

    /** This key with the training-set size unknown: how files without {@code n_train} name the same trial. */
    public TrialKey unsized() {
        return nTrain == 0 ? this : new TrialKey(dataset, label, seed, split, 0);
    }

    @Override
    public String toString() {
        return dataset + " / " + label + " / seed " + seed + " / split " + split;
    }
}
