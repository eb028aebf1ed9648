package org.metriclab.core.stochastic;

import java.io.Serializable;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * One step's work: the query rows whose terms f_i are estimated, and the reference rows each query's
 * softmax runs over. Indices are rows of the whole data set; a query never counts itself as a
 * neighbour.
 */
public sealed interface Batch extends Serializable permits Batch.Shared, Batch.Candidates {
    int[] queries();

    /** The same batch for its queries in rows {@code from .. to − 1} only (a partition's share). */
    Batch restrict(int from, int to);

    /** The distinct rows the queries' softmaxes run over, ascending. */
    int[] referencedRows();

    /** Positions of the queries within {@code from .. to − 1}. */
    private static int[] within(int[] queries, int from, int to) {
        return IntStream.range(0, queries.length).filter(a -> queries[a] >= from && queries[a] < to).toArray();
    }

    private static int[] pick(int[] values, int[] positions) {
        int[] out = new int[positions.length];
        for (int k = 0; k < positions.length; k++) {
            out[k] = values[positions[k]];
        }
        return out;
    }

    /** Every query's softmax runs over the same sampled reference rows ({@code minibatch}). */
    record Shared(int[] queries, int[] references) implements Batch {
        @Override
        public Batch restrict(int from, int to) {
            return new Shared(pick(queries, within(queries, from, to)), references);
        }

        @Override
        public int[] referencedRows() {
            return Arrays.stream(references).distinct().sorted().toArray();
        }
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

        @Override
        public Batch restrict(int from, int to) {
            int[] keep = within(queries, from, to);
            int[][] c = new int[keep.length][];
            for (int k = 0; k < keep.length; k++) {
                c[k] = candidates[keep[k]];
            }
            return new Candidates(pick(queries, keep), c);
        }

        @Override
        public int[] referencedRows() {
            return Arrays.stream(candidates).flatMapToInt(Arrays::stream).distinct().sorted().toArray();
        }
    }
}
