package org.metriclab.probabilistic;

import java.util.stream.IntStream;

/**
 * Runs a loop body over consecutive ranges of rows in parallel: how the gradient kernels of the pair-distance
 * objectives split their work between threads (each task owns its rows, so tasks never write the same entry).
 */
final class RowTasks {
    /** Rows per task in the row-parallel loops. */
    static final int ROWS = 32;

    private RowTasks() {
    }

    /** A loop body over rows [from, to). */
    @FunctionalInterface
    interface RowRange {
        void run(int from, int to);
    }

    /** Runs {@code body} over consecutive row ranges of {@code size} rows, in parallel. */
    static void run(int n, int size, RowRange body) {
        int tasks = (n + size - 1) / size;
        IntStream.range(0, tasks).parallel().forEach(t -> body.run(t * size, Math.min(n, t * size + size)));
    }
}
