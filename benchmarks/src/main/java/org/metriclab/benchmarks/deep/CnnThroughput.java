package org.metriclab.benchmarks.deep;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.IdxReader;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.deep.DeepCatalog;
import org.metriclab.deep.EmbeddingMetric;

/**
 * Training throughput of the CNN (3×3 conv 32 → 2×2 max-pool → 3×3 conv 64 → pool → dense 128
 * → 64-d L2-normalised embedding), batch 256 drawn 32 per class, contrastive loss (pos margin 0, neg
 * margin 1) with the pair-margin miner (0.2 / 0.8), Adam 1e-3, on the first 20,000 Fashion-MNIST
 * training images (pixels scaled to [0, 1]): the counterpart of {@code benchmarks/scripts/cnn_throughput_reference.py}. A
 * warm-up fit of {@code warmup} samples (JIT, native libraries), then one epoch of {@code samples}
 * samples whose training samples/s (the trainer's own clock: forward, loss, miner, backward and
 * update, no evaluation) is printed as {@code java_cnn_samples_per_s <value>}, and samples per second of
 * process CPU time over the whole fit (all threads, setup included) as {@code java_cnn_samples_per_cpu_s
 * <value>}: on a shared machine the CPU figure is the steadier one.
 *
 * <p>Run with one thread: {@code OMP_NUM_THREADS=1 java -cp … org.metriclab.benchmarks.deep.CnnThroughput
 * /usr/share/datasets/fashion-mnist [samples] [warmup]}.
 */
public final class CnnThroughput {
    private CnnThroughput() {
    }

    static Map<String, Object> params(int samples) {
        return Map.ofEntries(Map.entry("net", "cnn"), Map.entry("conv_channels", List.of(32, 64)), Map.entry("hidden", List.of(128)),
                Map.entry("embedding_size", 64), Map.entry("input_scale", 1.0 / 255), Map.entry("batch_size", 256), Map.entry("m", 32), Map.entry("epoch_length", samples),
                Map.entry("epochs", 1), Map.entry("lr", 0.001), Map.entry("loss", "contrastive"), Map.entry("loss.pos_margin", 0),
                Map.entry("loss.neg_margin", 1), Map.entry("miner", "pair_margin"), Map.entry("miner.pos_margin", 0.2),
                Map.entry("miner.neg_margin", 0.8));
    }

    /** Wall-clock samples/s of the training epoch (the trainer's clock) and samples per process CPU second of the whole fit. */
    record Throughput(double wall, double cpu) {
    }

    static Throughput fit(Dataset train, int samples) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        EmbeddingMetric m = (EmbeddingMetric) Learners.of(List.of(new DeepCatalog())).create("deep_metric", Params.of(params(samples)))
                .fit(train, FitContext.seeded(0));
        double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
        return new Throughput(m.trainingLog().samplesPerSecond(), samples / cpuSeconds);
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 5120;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2560;
        Dataset train = IdxReader.readDataset("fashion_train", dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"), 20000);
        if (warmup > 0) {
            fit(train, warmup);
        }
        Throughput t = fit(train, samples);
        System.out.printf("java_cnn_samples_per_s %.1f%njava_cnn_samples_per_cpu_s %.1f%n", t.wall(), t.cpu());
    }
}
