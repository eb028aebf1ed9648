package org.metriclab.probabilistic.stochastic;

import java.io.Serializable;

/**
 * One step's work: the query rows whose terms f_i are estimated, and the reference rows each query's
 * softmax runs over. Indices are rows of the whole data set; a query never counts itself as a
 * neighbour.
 */
public sealed interface Batch extends Serializable permits Batch.Shared, Batch.Candidates {
    int[] queries();

    /** Every query's softmax runs over the same sampled reference rows ({@code minibatch}). */
    record Shared(int[] queries, int[] references) implements Batch {
    }

    /**
     * Query {@code queries[a]}'s softmax runs over its own candidate rows {@code candidates[a]}
     * ({@code approximate_knn}: its nearest rows under the current metric).
     */
    record Candidates(int[] queries, int[][] candidates) implements Batch {
        public Candidates {
            if (candidates.length != queries.length) {
                throw new IllegalArgumentException(queries.length + " queries but " + candidates.length + " candidate lists");
            }
        }
    }
}
