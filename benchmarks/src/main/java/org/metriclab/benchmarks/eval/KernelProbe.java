package org.metriclab.benchmarks.eval;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.ReferenceTiles;
import org.metriclab.eval.knn.TiledSearch;

/**
 * Quick timing of the distance-tile kernel alone (no-op row visitor): {@code nq} queries against {@code nr}
 * references of dimension d ({@code [nr] [nq] [d] [exact|gram]}: the exact Σ(q−r)² kernel or the Gram kernel
 * ‖q‖²+‖r‖²−2q·r); prints the median of 7 runs and GFLOP/s.
 */
public final class KernelProbe {
    private KernelProbe() {
    }

    public static void main(String[] args) {
        int nr = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int nq = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int d = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        boolean gram = args.length > 3 && args[3].equals("gram");
        SyntheticEmbeddings data = new SyntheticEmbeddings(nr, d, 10, 1.0, 1);
        EmbeddingRows refs = EmbeddingRows.of(data.x, nr, d, "references");
        EmbeddingRows queries = EmbeddingRows.of(Arrays.copyOf(data.x, nq * d), nq, d, "queries");
        ReferenceTiles tiles = new ReferenceTiles(refs);
        double[] times = new double[7];
        double[] cpu = new double[7];
        OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] sink = new double[1];
        for (int rep = 0; rep < times.length; rep++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            if (gram) {
                TiledSearch.forEachGramRow(queries, tiles, () -> (q, dist, off) -> sink[0] += dist[off]);
            } else {
                TiledSearch.forEachRow(queries, tiles, () -> (q, dist, off) -> sink[0] += dist[off]);
            }
            times[rep] = (System.nanoTime() - t0) / 1e9;
            cpu[rep] = (os.getProcessCpuTime() - c0) / 1e9;
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        System.out.printf("median process CPU time %.3f s (min %.3f s)%n", cpu[cpu.length / 2], cpu[0]);
        double med = times[times.length / 2];
        System.out.printf("kernel nq=%d nr=%d d=%d median %.3f s, %.0f queries/s, %.2f GFLOP/s (3d flops/pair), %.2f GFLOP/s (2d, GEMM-equivalent)%n",
                nq, nr, d, med, nq / med, 3.0 * d * nq * nr / med / 1e9, 2.0 * d * nq * nr / med / 1e9);
    }
}
