package org.metriclab.benchmarks.eval;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Map;
import org.metriclab.eval.RetrievalEvaluator;

/**
 * End-to-end all-vs-all evaluation of Fashion-MNIST-sized embeddings: {@code n × d} float32 (default
 * 70,000 × 64, 10 classes), self mode, every k-NN measure including exact MAP@R and MAP, plus NMI/AMI.
 * Prints wall time and peak heap (sum of the heap pools' peak usage). Run with {@code -Xmx2g}:
 * {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar org.metriclab.benchmarks.eval.EndToEndEvaluation [n] [d] [m1,m2,...]}.
 */
public final class EndToEndEvaluation {
    private EndToEndEvaluation() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 70_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        List<String> measures = args.length > 2 ? List.of(args[2].split(","))
                : List.of("precision_at_1", "precision_at_10", "recall_at_1", "recall_at_10", "r_precision",
                "mean_average_precision_at_r", "mean_average_precision", "mean_reciprocal_rank", "knn_accuracy_1",
                "knn_accuracy_5", "mean_average_precision_at_r_per_class", "NMI", "AMI");
        SyntheticEmbeddings data = new SyntheticEmbeddings(n, d, 10, 1.2, 42);
        long t0 = System.nanoTime();
        Map<String, Double> result = RetrievalEvaluator.evaluateSelf(data.x, d, data.labels, measures, 0);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("n=%d d=%d threads=%d time=%.2f s peak_heap=%.0f MiB max_heap=%.0f MiB%n", n, d,
                Runtime.getRuntime().availableProcessors(), seconds, peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
        result.forEach((k, v) -> System.out.printf("  %s = %.10f%n", k, v));
    }
}
