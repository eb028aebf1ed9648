package org.metriclab.benchmarks.deep;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.IdxReader;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.deep.DeepCatalog;

/**
 * Training throughput of the CNN (3×3 conv 32 → 2×2 max-pool → 3×3 conv 64 → pool → dense 128
 * → 64-d L2-normalised embedding), batch 256 drawn 32 per class, contrastive loss (pos margin 0, neg
 * margin 1) with the pair-margin miner (0.2 / 0.8), Adam 1e-3, on the first 20,000 Fashion-MNIST
 * training images (pixels scaled to [0, 1]): the counterpart of {@code benchmarks/scripts/cnn_throughput_reference.py},
 * timed the same way. A JIT warm-up fit of {@code jitWarmup} samples, then one fit of {@code warmup + samples}
 * samples in which the first {@code warmup / 256} batches are untimed (buffer allocation, as the PyTorch
 * script's warm-up steps) and the remaining batches are timed from the end of the last warm-up batch to the
 * end of the last batch (forward, miner, loss, backward and update; the fit's setup and its final embedding
 * of the training rows fall outside). Prints {@code java_cnn_samples_per_s <value>} (wall clock) and
 * {@code java_cnn_samples_per_cpu_s <value>} (process CPU time over the same steps, all threads): on a
 * shared machine the CPU figure is the steadier one.
 *
 * <p>Run with one thread: {@code OMP_NUM_THREADS=1 java -cp … org.metriclab.benchmarks.deep.CnnThroughput
 * /usr/share/datasets/fashion-mnist [samples] [warmup] [jitWarmup]}.
 */
public final class CnnThroughput {
    static final int BATCH = 256;

    private CnnThroughput() {
    }

    static Map<String, Object> params(int samples) {
        return Map.ofEntries(Map.entry("net", "cnn"), Map.entry("conv_channels", List.of(32, 64)), Map.entry("hidden", List.of(128)),
                Map.entry("embedding_size", 64), Map.entry("input_scale", 1.0 / 255), Map.entry("batch_size", BATCH), Map.entry("m", 32), Map.entry("epoch_length", samples),
                Map.entry("epochs", 1), Map.entry("lr", 0.001), Map.entry("loss", "contrastive"), Map.entry("loss.pos_margin", 0),
                Map.entry("loss.neg_margin", 1), Map.entry("miner", "pair_margin"), Map.entry("miner.pos_margin", 0.2),
                Map.entry("miner.neg_margin", 0.8));
    }

    /** Samples per wall-clock second and per process CPU second over the timed batches. */
    record Throughput(double wall, double cpu) {
    }

    /** Reads the clocks at the end of every training step, as reported through {@link Progress#iteration}. */
    static final class StepClock implements Progress {
        private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final List<long[]> marks = new ArrayList<>();

        @Override
        public void iteration(int iteration, double objective) {
            marks.add(new long[] {System.nanoTime(), os.getProcessCpuTime()});
        }

        /** Throughput over the steps after the first {@code untimed} ones; refuses when none is left. */
        Throughput after(int untimed) {
            if (untimed < 1 || marks.size() <= untimed) {
                throw new IllegalArgumentException("need at least one untimed and one timed batch, got " + marks.size()
                        + " batches with " + untimed + " untimed; raise the warm-up or the sample count");
            }
            long[] a = marks.get(untimed - 1);
            long[] b = marks.get(marks.size() - 1);
            double samples = (double) BATCH * (marks.size() - untimed);
            return new Throughput(samples / ((b[0] - a[0]) / 1e9), samples / ((b[1] - a[1]) / 1e9));
        }
    }

    static Throughput fit(Dataset train, int samples, int warmup) {
        StepClock clock = new StepClock();
        Learners.of(List.of(new DeepCatalog())).create("deep_metric", Params.of(params(warmup + samples)))
                .fit(train, new FitContext(0, clock));
        return clock.after(Math.max(1, warmup / BATCH));
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 5120;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 768;
        int jitWarmup = args.length > 3 ? Integer.parseInt(args[3]) : 2560;
        Dataset train = IdxReader.readDataset("fashion_train", dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"), 20000);
        if (jitWarmup > 0) {
            fit(train, jitWarmup, BATCH);
        }
        Throughput t = fit(train, samples, warmup);
        System.out.printf("java_cnn_samples_per_s %.1f%njava_cnn_samples_per_cpu_s %.1f%n", t.wall(), t.cpu());
    }
}
