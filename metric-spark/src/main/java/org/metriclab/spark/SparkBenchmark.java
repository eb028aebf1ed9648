package org.metriclab.spark;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.experiments.config.ConfigBinder;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.run.RunListener;
import org.metriclab.experiments.run.Runner;

/**
 * Wall-time benchmark of the Spark engine against the local one (not a unit test). Run on metric-spark's class
 * path with Spark's JVM flags (see README "Scaling out with Spark"):
 * <pre>
 *   SparkBenchmark grid metric-spark/configs/grid48.yaml [repeats] [master]   # local runner (2 threads) vs Spark
 *   SparkBenchmark knn [references] [queries] [dim] [repeats] [master] [partitions] [measures] [queries|references]   # local evaluator vs distributed
 * </pre>
 * {@code measures} is a comma-separated list (default: precision_at_1, precision_at_10, recall_at_10, knn_accuracy_5,
 * precision_at_1_per_class; {@code all} adds mean_average_precision, mean_reciprocal_rank, r_precision, NMI, AMI and roc_auc).
 * Each timing is repeated and the median reported; the rows (grid) and measure values (knn) of both engines are
 * compared and must be identical.
 */
public final class SparkBenchmark {
    private SparkBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || !(args[0].equals("grid") || args[0].equals("knn"))) {
            System.err.println("usage: SparkBenchmark grid CONFIG [repeats] [master] | knn [references] [queries] [dim] [repeats] [master] [partitions]"
                    + " [measures|all] [queries|references]");
            return;
        }
        if (args[0].equals("grid")) {
            grid(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 3, args.length > 3 ? args[3] : "local[2]");
        } else {
            knn(arg(args, 1, 200_000), arg(args, 2, 1_000), arg(args, 3, 64), arg(args, 4, 3), args.length > 5 ? args[5] : "local[2]",
                    arg(args, 6, 8), args.length > 7 ? measures(args[7]) : KNN_MEASURES,
                    args.length > 8 ? Partitioning.parse(args[8]) : Partitioning.QUERIES);
        }
    }

    private static final List<String> KNN_MEASURES = List.of("precision_at_1", "precision_at_10", "recall_at_10", "knn_accuracy_5",
            "precision_at_1_per_class");

    private static List<String> measures(String arg) {
        if (arg.equals("all")) {
            List<String> all = new ArrayList<>(KNN_MEASURES);
            all.addAll(List.of("mean_average_precision", "mean_reciprocal_rank", "r_precision", "NMI", "AMI", "roc_auc"));
            return List.copyOf(all);
        }
        return List.of(arg.split(","));
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    private static void grid(Path config, int repeats, String master) throws IOException {
        byte[] bytes = Files.readAllBytes(config);
        Learners registry = Learners.load();
        Path base = config.toAbsolutePath().getParent();
        ExperimentConfig cfg = new ConfigBinder(registry, base).bind(Trees.readYaml(config));
        Runner runner = new Runner(registry, RunListener.none(), Clock.systemUTC());
        Path tmp = Files.createTempDirectory("metriclab-bench");
        double[] local = new double[repeats];
        double[] spark = new double[repeats];
        List<ResultRow> localRows = null;
        List<ResultRow> sparkRows = null;
        long s0 = System.nanoTime();
        SparkSession session = Sessions.open(Optional.of(master), 0, "metriclab-bench");
        double startup = (System.nanoTime() - s0) / 1e9;
        try (SparkTrialExecutor executor = new SparkTrialExecutor(session, true, bytes, base)) {
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                Runner.Summary l = runner.run(cfg, bytes, base, tmp.resolve("local" + r), false, 2);
                local[r] = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                Runner.Summary s = runner.run(cfg, bytes, base, tmp.resolve("spark" + r), false, executor);
                spark[r] = (System.nanoTime() - t0) / 1e9;
                localRows = comparable(l.rows());
                sparkRows = comparable(s.rows());
                System.out.printf(Locale.ROOT, "repeat %d: %d trials, local %.2f s, spark %.2f s%n", r, l.trials(), local[r], spark[r]);
            }
        }
        System.out.printf(Locale.ROOT, "grid %s: median local (2 threads) %.2f s, median spark %s %.2f s (+ %.2f s session start once); rows identical: %b%n",
                cfg.name(), median(local), master, median(spark), startup, localRows.equals(sparkRows));
    }

    private static void knn(int nr, int nq, int dim, int repeats, String master, int partitions, List<String> measures,
                            Partitioning partitioning) {
        SplittableRandom rnd = new SplittableRandom(42);
        int classes = 10;
        double[][] centres = new double[classes][dim];
        for (double[] c : centres) {
            for (int t = 0; t < dim; t++) {
                c[t] = rnd.nextGaussian();
            }
        }
        int[] rl = new int[nr];
        int[] ql = new int[nq];
        Matrix refs = Matrix.of(nr, dim, points(rnd, centres, rl));
        Matrix queries = Matrix.of(nq, dim, points(rnd, centres, ql));
        double[] local = new double[repeats];
        double[] spark = new double[repeats];
        Map<String, Double> l = null;
        Map<String, Double> s = null;
        double[] localCpu = new double[repeats];
        double[] sparkCpu = new double[repeats];
        long s0 = System.nanoTime();
        SparkSession session = Sessions.open(Optional.of(master), 0, "metriclab-bench");
        double startup = (System.nanoTime() - s0) / 1e9;
        try {
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                double c0 = processCpuSeconds();
                l = RetrievalEvaluator.evaluate(queries, Labels.of(ql), refs, Labels.of(rl), measures, 0);
                local[r] = (System.nanoTime() - t0) / 1e9;
                localCpu[r] = processCpuSeconds() - c0;
                t0 = System.nanoTime();
                c0 = processCpuSeconds();
                s = DistributedRetrieval.evaluate(Sessions.context(session), queries, Labels.of(ql), refs, Labels.of(rl), measures, 0,
                        partitioning, partitions);
                spark[r] = (System.nanoTime() - t0) / 1e9;
                sparkCpu[r] = processCpuSeconds() - c0;
                System.out.printf(Locale.ROOT, "repeat %d: local %.2f s (%.1f CPU s), spark %.2f s (%.1f CPU s)%n", r, local[r], localCpu[r],
                        spark[r], sparkCpu[r]);
            }
        } finally {
            session.stop();
        }
        System.out.printf(Locale.ROOT, "knn %d refs × %d queries × %d dims: median local evaluator %.2f s / %.1f CPU s (%d cores), median distributed"
                + " %s/%d %s partitions %.2f s / %.1f CPU s (+ %.2f s session start once); values identical: %b %s%n", nr, nq, dim, median(local),
                median(localCpu), Runtime.getRuntime().availableProcessors(), master, partitions, partitioning, median(spark), median(sparkCpu), startup,
                l.equals(s), s);
    }

    /** CPU time of the whole JVM (all threads, Spark's included), which a loaded machine distorts less than wall time. */
    private static double processCpuSeconds() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** Gaussian blobs around the class centres (σ = 1.5: classes overlap, so the measures are not trivial). */
    private static double[] points(SplittableRandom rnd, double[][] centres, int[] labels) {
        int dim = centres[0].length;
        double[] x = new double[labels.length * dim];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rnd.nextInt(centres.length);
            for (int t = 0; t < dim; t++) {
                x[i * dim + t] = centres[labels[i]][t] + 1.5 * rnd.nextGaussian();
            }
        }
        return x;
    }

    private static List<ResultRow> comparable(List<ResultRow> rows) {
        return rows.stream()
                .map(r -> new ResultRow(r.dataset(), r.learner(), r.label(), r.params(), r.seed(), r.split(), r.measure(), r.value(), 0.0, r.warnings()))
                .sorted(Comparator.comparing(ResultRow::dataset).thenComparing(ResultRow::label).thenComparingLong(ResultRow::seed)
                        .thenComparingInt(ResultRow::split).thenComparing(ResultRow::measure))
                .toList();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
