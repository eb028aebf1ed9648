package org.metriclab.benchmarks.probabilistic;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
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
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.preprocess.Standardizer;
import org.metriclab.probabilistic.ProbabilisticCatalog;

/**
 * Fit-time and accuracy benchmark of the probabilistic learners against metric-learn 0.7.0's timings:
 * median wall-clock fit time and median process CPU time over {@code repeats} runs (after
 * warm-up fits for at least 5 s, at most 500 and at least one; CPU time counts all threads, so it is the load-independent measure of work), test 1-NN
 * and 5-NN accuracy under the shared protocol (train-only standardisation, train rows as reference).
 *
 * <p>Usage: {@code java -cp ... org.metriclab.benchmarks.probabilistic.ProbabilisticBench [timing|soft|itml|scml|scaling|accuracy|all] [repeats]}
 */
public final class ProbabilisticBench {
    private static final long WARMUP_NANOS = 5_000_000_000L;
    private static final int MAX_WARMUP_FITS = 500;

    private ProbabilisticBench() {
    }

    record Case(String learner, Map<String, Object> params, String dataset, int rows) {
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "all";
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Learners learners = Learners.of(List.of(new ProbabilisticCatalog()));
        System.out.println("threads: " + Runtime.getRuntime().availableProcessors() + " (common pool parallelism "
                + ForkJoinPool.commonPool().getParallelism() + ")");
        if (what.equals("timing") || what.equals("all")) {
            System.out.println("## timing on digits (metric-learn: nca 4.35 s, mlkr 11.2 s, itml 50.0 s)");
            header();
            run(learners, new Case("nca", Map.of("max_iter", 100), "digits", 0), repeats);
            run(learners, new Case("mlkr", Map.of("max_iter", 1000), "digits", 0), repeats);
            run(learners, new Case("itml", Map.of("constraints", 2000, "max_iter", 1000), "digits", 0), repeats);
        }
        if (what.equals("soft")) {
            System.out.println("## timing on digits, softmax-neighbour learners only (metric-learn: nca 4.35 s, mlkr 11.2 s)");
            header();
            run(learners, new Case("nca", Map.of("max_iter", 100), "digits", 0), repeats);
            run(learners, new Case("mlkr", Map.of("max_iter", 1000), "digits", 0), repeats);
        }
        if (what.equals("scml") || what.equals("timing") || what.equals("all")) {
            // metric-learn's time for the same fit comes from metric_learn_scml_reference.py digits-time, run side by side
            System.out.println("## timing on digits, scml (defaults, as metric-learn's SCML_Supervised)");
            header();
            run(learners, new Case("scml", Map.of(), "digits", 0), repeats);
        }
        if (what.equals("itml")) {
            header();
            run(learners, new Case("itml", Map.of("constraints", 2000, "max_iter", 1000), "digits", 0), repeats);
        }
        if (what.equals("scaling") || what.equals("all")) {
            System.out.println("## NCA scaling on digits (metric-learn: 0.10 s at n=300, 5.1 s at n=1200)");
            header();
            for (int n : new int[] {300, 600, 1200}) {
                run(learners, new Case("nca", Map.of("max_iter", 100), "digits", n), repeats);
            }
        }
        if (what.equals("accuracy") || what.equals("all")) {
            System.out.println("## accuracy, all learners, four datasets (seed 0, one fit each)");
            header();
            for (String ds : BuiltinDatasets.NAMES) {
                for (String name : List.of("nca", "mcml", "itml", "bayesian_ml", "mlkr", "sdml", "ldml")) {
                    Map<String, Object> p = name.equals("sdml") ? Map.of("balance_param", 1e-4) : Map.of();
                    run(learners, new Case(name, p, ds, 0), 1);
                }
            }
        }
    }

    private static void header() {
        System.out.println("| learner | dataset | n_train | d | median fit s (wall) | median CPU s | runs | iterations | converged | 1-NN | 5-NN |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    }

    private static void run(Learners learners, Case c, int repeats) {
        LabeledData ld = BuiltinDatasets.load(c.dataset());
        Split s = ld.split().orElseThrow();
        Dataset train = ld.dataset().subset(s.train());
        if (c.rows() > 0) {
            train = train.subset(IntStream.range(0, Math.min(c.rows(), train.size())).toArray());
        }
        Dataset test = ld.dataset().subset(s.test());
        Standardizer z = Standardizer.fit(train.x());
        train = train.withFeatures(z.apply(train.x()));
        test = test.withFeatures(z.apply(test.x()));
        MetricLearner<?> learner = learners.create(c.learner(), Params.of(c.params()));
        double[] times = new double[repeats];
        double[] cpu = new double[repeats];
        OperatingSystemMXBean os = (OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();
        LearnedMetric m = null;
        int[] iterations = {0};
        boolean[] converged = {false};
        Progress p = new Progress() {
            @Override
            public void iteration(int i, double objective) {
            }

            @Override
            public void finished(int i, double objective, boolean conv) {
                iterations[0] = i;
                converged[0] = conv;
            }
        };
        if (repeats > 1) {
            // warm-up: at least one fit, and more until WARMUP_NANOS have passed, so that small problems
            // (a 300-row fit takes ~20 ms) are timed with the JIT settled, not while it compiles
            long warmStart = System.nanoTime();
            for (int w = 0; w < MAX_WARMUP_FITS && (w == 0 || System.nanoTime() - warmStart < WARMUP_NANOS); w++) {
                learner.fit(train, new FitContext(0, p));
            }
        }
        for (int r = 0; r < repeats; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            m = learner.fit(train, new FitContext(0, p));
            times[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (os.getProcessCpuTime() - c0) / 1e9;
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        Matrix ref = m.embed(train.x());
        Matrix q = m.embed(test.x());
        int[] yr = train.labels().toArray();
        int[] yq = test.labels().toArray();
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.3f | %.3f | %d | %d | %b | %.4f | %.4f |%n", c.learner(), c.dataset(),
                train.size(), train.dim(), times[repeats / 2], cpu[repeats / 2], repeats, iterations[0], converged[0],
                KnnAccuracy.of(ref, yr, q, yq, 1), KnnAccuracy.of(ref, yr, q, yq, 5));
    }
}
