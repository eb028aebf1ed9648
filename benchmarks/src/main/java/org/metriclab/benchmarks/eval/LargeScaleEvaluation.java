package org.metriclab.benchmarks.eval;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Map;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.eval.knn.EmbeddingRows;

/**
 * Query/reference evaluation at scale with synthetic float32 data generated on the fly (default 1,000,000
 * references × 10,000 queries × 128 dimensions, 100 classes): exact P@1, R-precision, MAP@R and 5-NN accuracy.
 * Prints wall time, process CPU time and peak heap. Run:
 * {@code java -Xmx4g -cp … org.metriclab.benchmarks.eval.LargeScaleEvaluation [references] [queries] [d] [classes]}.
 */
public final class LargeScaleEvaluation {
    private LargeScaleEvaluation() {
    }

    public static void main(String[] args) {
        int nr = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int nq = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int d = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        int classes = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        SyntheticEmbeddings refData = new SyntheticEmbeddings(nr, d, classes, 1.2, 1);
        EmbeddingRows refs = EmbeddingRows.of(refData.x, nr, d, "references");
        int[] refLabels = refData.labels;
        refData = null;
        SyntheticEmbeddings queryData = new SyntheticEmbeddings(nq, d, classes, 1.2, 1);
        EmbeddingRows queries = EmbeddingRows.of(queryData.x, nq, d, "queries");
        OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Map<String, Double> result = RetrievalEvaluator.evaluate(queries, queryData.labels, refs, refLabels,
                List.of("precision_at_1", "r_precision", "mean_average_precision_at_r", "knn_accuracy_5"), 0);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - c0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("references=%d queries=%d d=%d classes=%d wall=%.1f s cpu=%.1f s peak_heap=%.0f MiB max_heap=%.0f MiB%n",
                nr, nq, d, classes, seconds, cpu, peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
        result.forEach((k, v) -> System.out.printf("  %s = %.10f%n", k, v));
    }
}
