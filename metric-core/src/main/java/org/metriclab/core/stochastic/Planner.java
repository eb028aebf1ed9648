package org.metriclab.core.stochastic;

import java.util.SplittableRandom;

/** Chooses each step's reference rows for the {@link EpochLoop}; all randomness comes from the loop's streams. */
public interface Planner {
    /** Called before each epoch (1-based) with the current L, e.g. to refresh nearest candidates. */
    void startEpoch(int epoch, double[] l, int p);

    /** The batch for these query rows. */
    Batch plan(int[] queries, SplittableRandom rng);
}
