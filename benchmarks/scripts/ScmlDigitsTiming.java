// Fit time of MetricLab's `scml` on the built-in digits split (train-only standardisation, defaults
// as metric-learn's SCML_Supervised), for comparison with metric_learn_scml_reference.py digits-time.
// Prints the first (cold JVM) fit time and the median of 3 further fits (-Druns=N for N − 1), wall
// clock and process CPU (all JVM threads, just-in-time compilation included), the median wall time of
// the first 3 fits (the statistic the metric-learn script prints for its 3 fits in one process), and
// the test 1-NN / 5-NN accuracy of the last fit. A single-file Java program; run it on the benchmarks classpath:
//
//   mvn -o -q -B -pl benchmarks -am -DskipTests install
//   mvn -o -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/cp.txt
//   java -cp "$(cat benchmarks/target/cp.txt):benchmarks/target/classes" benchmarks/scripts/ScmlDigitsTiming.java [key=value ...]
//
// (or compile it with javac first and run the class, so that the cold fit is the JVM's first work rather
// than following the in-process compilation of this file).
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
import org.metriclab.core.linalg.Cholesky;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.preprocess.Standardizer;
import org.metriclab.probabilistic.ProbabilisticCatalog;

public class ScmlDigitsTiming {
    /** Prints the first fit's checkpoints, warnings and outcome. */
    private static final Progress REPORT = new Progress() {
        @Override
        public void iteration(int iteration, double objective) {
            System.out.printf(Locale.ROOT, "  iteration %d: objective %.6f%n", iteration, objective);
        }

        @Override
        public void finished(int iterations, double objective, boolean converged) {
            System.out.printf(Locale.ROOT, "  finished after %d iterations, objective %.6f, converged %b%n", iterations, objective, converged);
        }

        @Override
        public void warn(String message) {
            System.out.println("  warning: " + message);
        }
    };

    public static void main(String[] args) {
        LabeledData ld = BuiltinDatasets.load("digits");
        Split s = ld.split().orElseThrow();
        Dataset train = ld.dataset().subset(s.train());
        Dataset test = ld.dataset().subset(s.test());
        Standardizer z = Standardizer.fit(train.x());
        train = train.withFeatures(z.apply(train.x()));
        test = test.withFeatures(z.apply(test.x()));
        if (Boolean.getBoolean("preload")) {
            // the counterpart of the Python script's imports: load and initialise the linear-algebra library
            // (ojAlgo, about 470 classes) before the first timed fit, without running any SCML code
            Matrix spd = Matrix.of(2, 2, new double[] {2, 1, 1, 2});
            Cholesky.factor(spd).orElseThrow().solve(spd);
            Eigen.symmetric(spd);
        }
        MetricLearner<?> learner = Learners.of(List.of(new ProbabilisticCatalog())).create("scml", Params.parse(List.of(args)));
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        int RUNS = Integer.getInteger("runs", 4);
        List<double[]> runs = new ArrayList<>();
        LearnedMetric m = null;
        for (int r = 0; r < RUNS; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            m = learner.fit(train, new FitContext(Long.getLong("seed", 0), r == 0 ? REPORT : Progress.none()));
            runs.add(new double[] {(System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9});
        }
        // the statistic the metric-learn script prints: the median of a process's first 3 fits
        double[] firstThree = runs.subList(0, Math.min(3, RUNS)).stream().mapToDouble(a -> a[0]).sorted().toArray();
        double[] wall = runs.subList(Math.min(1, RUNS - 1), RUNS).stream().mapToDouble(a -> a[0]).sorted().toArray();
        double[] cpu = runs.subList(Math.min(1, RUNS - 1), RUNS).stream().mapToDouble(a -> a[1]).sorted().toArray();
        Matrix ref = m.embed(train.x());
        Matrix q = m.embed(test.x());
        int[] yr = train.labels().toArray();
        int[] yq = test.labels().toArray();
        System.out.printf(Locale.ROOT, "scml digits %dx%d: cold fit %.3f s (cpu %.3f s); warm fits %s s, median %.3f s (cpu median %.3f s);"
                + " median of the first 3 fits %.3f s; 1-NN %.4f, 5-NN %.4f, output dim %d%n", train.size(), train.dim(), runs.get(0)[0],
                runs.get(0)[1], Arrays.toString(wall), wall[wall.length / 2], cpu[cpu.length / 2], firstThree[firstThree.length / 2],
                KnnAccuracy.of(ref, yr, q, yq, 1), KnnAccuracy.of(ref, yr, q, yq, 5), m.outputDim());
    }
}
