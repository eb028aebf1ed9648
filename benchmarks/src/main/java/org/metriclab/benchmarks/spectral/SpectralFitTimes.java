package org.metriclab.benchmarks.spectral;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.metriclab.benchmarks.knn.KnnAccuracy;
import org.metriclab.core.data.BuiltinDatasets;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.LabeledData;
import org.metriclab.core.data.Split;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.preprocess.Standardizer;
import org.metriclab.spectral.SpectralCatalog;

/**
 * Fit times and k-NN accuracy of the spectral learners under the shared protocol (fixed split,
 * train-only standardisation, 1-NN/5-NN on test with train as reference, brute force, ties by index).
 * Per dataset and learner: {@code warmup} untimed warm-up fits (default 1; JIT compilation of the
 * millisecond-scale learners needs more, e.g. 20), then {@code runs} timed runs of {@code batch} fits each
 * (default 1; times are per fit, so a batch of e.g. 50 resolves millisecond fits despite the coarse
 * process-CPU clock) with seed 0; prints the
 * median wall time, the median process CPU time (all threads; robust to a loaded machine) and the
 * accuracy of the seed-0 model as a Markdown table.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.metriclab.benchmarks.spectral.SpectralFitTimes
 * [runs=5] [warmup=1] [batch=1] [datasets=iris,wine,breast_cancer,digits] [learners=lmnn,lfda,...]}
 */
public final class SpectralFitTimes {
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private SpectralFitTimes() {
    }

    /** The configurations timed: metric-learn's hyperparameters where metric-learn has the method. */
    static Map<String, Map<String, Object>> configs() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        m.put("lmnn", Map.of("k", 3, "learn_rate", 1e-6, "max_iter", 1000, "min_iter", 50, "regularization", 0.5,
                "convergence_tol", 1e-3));
        m.put("lfda", Map.of("embedding", "weighted"));
        m.put("rca", Map.of("chunks", 100, "chunk_size", 2));
        m.put("mmc", Map.of("max_iter", 100, "max_proj", 10000, "tol", 1e-6));
        m.put("mmc_alternating", Map.of("max_iter", 100, "max_proj", 10000, "tol", 1e-6, "projection", "alternating"));
        m.put("mmc_diagonal", Map.of("max_iter", 100, "tol", 1e-6, "diagonal", true));
        m.put("lsml", Map.of("tol", 1e-3, "max_iter", 1000));
        m.put("gmml", Map.of());
        m.put("dca", Map.of());
        m.put("fda", Map.of());
        m.put("margin_spectral", Map.of("dims", 0));
        m.put("trace_spectral", Map.of());
        m.put("kernel_fda", Map.of());
        return m;
    }

    static String learnerName(String config) {
        return config.startsWith("mmc") ? "mmc" : config;
    }

    public static void main(String[] args) {
        int runs = 5;
        int warmup = 1;
        int batch = 1;
        List<String> datasets = BuiltinDatasets.NAMES;
        List<String> learners = new ArrayList<>(configs().keySet());
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "runs" -> runs = Integer.parseInt(kv[1]);
                case "warmup" -> warmup = Integer.parseInt(kv[1]);
                case "batch" -> batch = Integer.parseInt(kv[1]);
                case "datasets" -> datasets = Arrays.asList(kv[1].split(","));
                case "learners" -> learners = Arrays.asList(kv[1].split(","));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'; known: runs, warmup, batch, datasets, learners");
            }
        }
        Learners registry = Learners.of(List.of(new SpectralCatalog()));
        System.out.println("| dataset | learner | median fit s (wall) | min | max | median process CPU s | 1-NN | 5-NN |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String ds : datasets) {
            Dataset[] parts = prepare(ds);
            for (String config : learners) {
                Map<String, Object> params = configs().get(config);
                if (params == null) {
                    throw new IllegalArgumentException("unknown learner config '" + config + "'; known: " + configs().keySet());
                }
                MetricLearner<?> learner = registry.create(learnerName(config), Params.of(params));
                LearnedMetric model = learner.fit(parts[0], FitContext.seeded(0));
                for (int w = 1; w < warmup; w++) {
                    model = learner.fit(parts[0], FitContext.seeded(0));
                }
                double[] times = new double[runs];
                double[] cpu = new double[runs];
                for (int r = 0; r < runs; r++) {
                    long c0 = OS.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    for (int b = 0; b < batch; b++) {
                        model = learner.fit(parts[0], FitContext.seeded(0));
                    }
                    times[r] = (System.nanoTime() - t0) / 1e9 / batch;
                    cpu[r] = (OS.getProcessCpuTime() - c0) / 1e9 / batch;
                }
                Arrays.sort(times);
                Arrays.sort(cpu);
                Matrix ref = model.embed(parts[0].x());
                Matrix q = model.embed(parts[1].x());
                int[] refLabels = parts[0].labels().toArray();
                int[] qLabels = parts[1].labels().toArray();
                System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |%n", ds, config, times[runs / 2],
                        times[0], times[runs - 1], cpu[runs / 2], KnnAccuracy.of(ref, refLabels, q, qLabels, 1), KnnAccuracy.of(ref, refLabels, q, qLabels, 5));
            }
        }
    }

    /** Train and test parts after train-only standardisation. */
    static Dataset[] prepare(String name) {
        LabeledData ld = BuiltinDatasets.load(name);
        Split s = ld.split().orElseThrow();
        Dataset train = ld.dataset().subset(s.train());
        Dataset test = ld.dataset().subset(s.test());
        Standardizer z = Standardizer.fit(train.x());
        return new Dataset[] {train.withFeatures(z.apply(train.x())), test.withFeatures(z.apply(test.x()))};
    }
}
