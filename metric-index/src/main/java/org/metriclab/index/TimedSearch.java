package org.metriclab.index;

import java.util.Arrays;
import java.util.function.Supplier;
import org.metriclab.eval.knn.Neighbours;

/**
 * A search repeated {@link #PASSES} times with the median of its rates, so that one pass slowed by another
 * process, the JIT compiler or a collection does not decide the figure.
 *
 * @param result              the neighbours of the last pass (every pass gives the same)
 * @param queriesPerSecond    median over passes of queries per wall second
 * @param cpuQueriesPerSecond median over passes of queries per process CPU second (all threads)
 */
record TimedSearch(Neighbours result, double queriesPerSecond, double cpuQueriesPerSecond) {
    static final int PASSES = 3;

    static TimedSearch median(int queries, Supplier<Neighbours> search) {
        double[] wall = new double[PASSES];
        double[] cpu = new double[PASSES];
        Neighbours last = null;
        for (int i = 0; i < PASSES; i++) {
            long t0 = System.nanoTime();
            long c0 = BuiltGraph.cpuNanos();
            last = search.get();
            wall[i] = queries / ((System.nanoTime() - t0) / 1e9);
            cpu[i] = queries / ((BuiltGraph.cpuNanos() - c0) / 1e9);
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new TimedSearch(last, wall[PASSES / 2], cpu[PASSES / 2]);
    }
}
