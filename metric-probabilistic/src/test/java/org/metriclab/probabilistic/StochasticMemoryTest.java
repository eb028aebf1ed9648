package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.RowSource;
import org.metriclab.core.stochastic.Batch;
import org.metriclab.probabilistic.stochastic.LocalGradients;
import org.metriclab.probabilistic.stochastic.SoftNeighborLoss;

/**
 * A stochastic step allocates O(batch · d + d²), independent of the number of rows: measured with the
 * JVM's per-thread allocation counter on a virtual data set of 10³ rows and one of 10⁷ rows (whose
 * rows are computed on demand, as a memory-mapped file would read them).
 */
class StochasticMemoryTest {
    private static final int D = 32;
    private static final int B = 64;
    private static final int M = 256;

    /** Rows generated from their index, never stored. */
    private record VirtualRows(int rows) implements RowSource {
        @Override
        public int dim() {
            return D;
        }

        @Override
        public void copyRow(int i, double[] target, int offset) {
            long h = i * 0x9E3779B97F4A7C15L;
            for (int k = 0; k < D; k++) {
                h ^= h >>> 29;
                h *= 0xBF58476D1CE4E5B9L;
                target[offset + k] = (h >>> 11) * 0x1.0p-53 - 0.5;
            }
        }
    }

    /** Bytes allocated by one minibatch step (after a warm-up step) on n virtual rows with 10 classes. */
    private static long stepBytes(int n) {
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = i % 10;
        }
        LocalGradients oracle = new LocalGradients(new VirtualRows(n), new SoftNeighborLoss.Nca(classes, 0));
        int[] queries = new int[B];
        int[] references = new int[M];
        for (int a = 0; a < B; a++) {
            queries[a] = (int) ((a * 7919L) % n);
        }
        for (int c = 0; c < M; c++) {
            references[c] = (int) ((c * 104729L + 13) % n);
        }
        double[] l = new double[D * D];
        for (int a = 0; a < D; a++) {
            l[a * D + a] = 1;
        }
        double[] g = new double[D * D];
        Batch batch = new Batch.Shared(queries, references);
        return allocated(() -> oracle.accumulate(l, D, batch, g));
    }

    private static long allocated(Runnable r) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        r.run();
        long before = bean.getThreadAllocatedBytes(id);
        r.run();
        return bean.getThreadAllocatedBytes(id) - before;
    }

    @Test
    void oneStepAllocatesTheSameForAThousandAndTenMillionRows() {
        long small = stepBytes(1_000);
        long large = stepBytes(10_000_000);
        long bound = 8L * 4 * ((B + M) * D + D * D) + (64 << 10);
        assertTrue(small <= bound && large <= bound, "allocated " + small + " and " + large + " bytes, bound " + bound);
        assertTrue(Math.abs(large - small) <= 4096, "allocation depends on n: " + small + " vs " + large + " bytes");
    }
}
