package org.metriclab.deep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.IdxReader;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.deep.DeepCatalog;
import org.metriclab.deep.EmbeddingMetric;
import org.metriclab.core.learn.Learners;
import org.metriclab.eval.RetrievalEvaluator;

/**
 * The Fashion-MNIST table (not a unit test): MLP 784→256→128→64 (ReLU), L2-normalised output,
 * Adam 1e-3, batch 256 with M-per-class m=32 (epochs of PML's default 100000 samples), 5 epochs; MAP@R and P@1 within the 10k test set (self
 * excluded) and training samples/s. Args: [dataset dir] [closed|open|both|speed] [setup names…]; {@code -Dbench.seeds=0,1,2}
 * repeats each setup over those fit seeds and prints the mean and sd of MAP@R; {@code -Dbench.net=cnn} trains the CNN
 * instead of the MLP; {@code -Dbench.params=k=v,...}
 * overrides parameters of every setup (e.g. {@code epoch_length=0} for one pass over the data per epoch).
 * Run with OMP_NUM_THREADS=1 on the test classpath of metric-deep.
 */
public final class FashionMnistBenchmark {
    private FashionMnistBenchmark() {
    }

    static Map<String, Map<String, Object>> setups() {
        Map<String, Map<String, Object>> s = new LinkedHashMap<>();
        s.put("contrastive+pair_margin", Map.of("loss", "contrastive", "loss.pos_margin", 0, "loss.neg_margin", 1, "miner", "pair_margin",
                "miner.pos_margin", 0.2, "miner.neg_margin", 0.8));
        s.put("triplet0.2+semihard", Map.of("loss", "triplet_margin", "loss.margin", 0.2, "miner", "triplet_margin", "miner.margin", 0.2,
                "miner.type_of_triplets", "semihard"));
        s.put("multi_similarity+miner", Map.of("loss", "multi_similarity", "loss.alpha", 2, "loss.beta", 50, "loss.base", 0.5, "miner",
                "multi_similarity", "miner.epsilon", 0.1));
        s.put("proxy_anchor", Map.of("loss", "proxy_anchor", "loss.margin", 0.1, "loss.alpha", 32, "weight_lr", 1e-2, "sampler", "shuffle"));
        s.put("triplet0.2+batch_hard", Map.of("loss", "triplet_margin", "loss.margin", 0.2, "miner", "batch_hard"));
        s.put("batch_hard+easy_positive", Map.of("loss", "triplet_margin", "loss.margin", 0.2, "miner", "batch_hard", "miner.pos_strategy", "easy"));
        s.put("batch_hard+soft_margin", Map.of("loss", "triplet_margin", "loss.margin", 0.0, "loss.smooth_loss", true, "miner", "batch_hard"));
        s.put("batch_hard+warmup", Map.of("loss", "triplet_margin", "loss.margin", 0.2, "miner", "batch_hard", "warmup_epochs", 1));
        s.put("batch_hard+pk_10x4", Map.of("loss", "triplet_margin", "loss.margin", 0.2, "miner", "batch_hard", "batch_size", 40, "m", 4));
        s.put("batch_hard+all_first", Map.of("loss", "triplet_margin", "loss.margin", 0.2, "miner", "batch_hard", "miner_warmup_epochs", 1));
        return s;
    }

    static Map<String, Double> score(Matrix emb, Dataset test) {
        return RetrievalEvaluator.evaluateSelf(emb, test.labels(), List.of("mean_average_precision_at_r", "precision_at_1"), 0);
    }

    /** Throughput only: one epoch on the first 20,480 training images per setup (for back-to-back comparisons). */
    static void speed(Dataset train, List<String> only) {
        Dataset part = train.subset(IntStream.range(0, 20480).toArray());
        // warm-up (JIT, native libraries), not reported
        Learners.of(List.of(new DeepCatalog())).create("deep_metric", Params.of(Map.of("hidden", List.of(256, 128), "input_scale", 1.0 / 255,
                "loss", "contrastive", "epochs", 1))).fit(train.subset(IntStream.range(0, 5120).toArray()), FitContext.seeded(0));
        for (Map.Entry<String, Map<String, Object>> e : setups().entrySet()) {
            if (!only.isEmpty() && !only.contains(e.getKey())) {
                continue;
            }
            Map<String, Object> p = new HashMap<>(Map.of("hidden", List.of(256, 128), "embedding_size", 64, "input_scale", 1.0 / 255,
                    "batch_size", 256, "m", 32, "epochs", 1));
            p.putAll(e.getValue());
            EmbeddingMetric m = (EmbeddingMetric) Learners.of(List.of(new DeepCatalog())).create("deep_metric", Params.of(p))
                    .fit(part, FitContext.seeded(0));
            System.out.printf("speed | %-26s | %.0f samples/s%n", e.getKey(), m.trainingLog().samplesPerSecond());
        }
    }

    /** {@code -Dbench.params=epoch_length=100000,lr=0.001}: overrides applied to every setup (numbers parsed as such). */
    static Map<String, Object> extraParams() {
        Map<String, Object> out = new LinkedHashMap<>();
        String spec = System.getProperty("bench.params", "");
        for (String kv : spec.isBlank() ? new String[0] : spec.split(",")) {
            String[] parts = kv.split("=", 2);
            Object v;
            try {
                v = Double.parseDouble(parts[1]);
            } catch (NumberFormatException ex) {
                v = parts[1];
            }
            out.put(parts[0].trim(), v);
        }
        return out;
    }

    /**
     * {@code -Dbench.net=cnn}: the CNN (3×3 conv 32 → pool → 3×3 conv 64 → pool → dense 128 → 64-d)
     * instead of the MLP; otherwise no change.
     */
    static Map<String, Object> network() {
        return "cnn".equals(System.getProperty("bench.net", "mlp"))
                ? Map.of("net", "cnn", "conv_channels", List.of(32, 64), "hidden", List.of(128))
                : Map.of();
    }

    static Dataset classes(Dataset d, int from, int to) {
        return d.subset(IntStream.range(0, d.size()).filter(i -> d.labels().get(i) >= from && d.labels().get(i) <= to).toArray());
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        if (!Files.exists(dir.resolve("train-images-idx3-ubyte.gz"))) {
            throw new IllegalArgumentException("Fashion-MNIST not found in " + dir + "; install it with: apt-get install dataset-fashion-mnist");
        }
        String protocols = args.length > 1 ? args[1] : "closed";
        List<String> only = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        long[] seeds = java.util.Arrays.stream(System.getProperty("bench.seeds", "0").split(",")).mapToLong(Long::parseLong).toArray();
        Dataset train = IdxReader.readDataset("fashion_train", dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"), 0);
        Dataset test = IdxReader.readDataset("fashion_test", dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"), 0);
        if (protocols.equals("speed")) {
            speed(train, only);
            return;
        }
        List<String> todo = new ArrayList<>();
        if (!protocols.equals("open")) {
            todo.add("closed");
        }
        if (!protocols.equals("closed")) {
            todo.add("open");
        }
        for (String protocol : todo) {
            Dataset tr = protocol.equals("open") ? classes(train, 0, 4) : train;
            Dataset te = protocol.equals("open") ? classes(test, 5, 9) : test;
            Map<String, Double> raw = score(RetrievalEvaluator.cosineNormalized(te.x()), te);
            System.out.printf("%s | %-26s | MAP@R %.4f | P@1 %.4f | –%n", protocol, "raw pixels (L2)", raw.get("mean_average_precision_at_r"),
                    raw.get("precision_at_1"));
            for (Map.Entry<String, Map<String, Object>> e : setups().entrySet()) {
                if (!only.isEmpty() && !only.contains(e.getKey())) {
                    continue;
                }
                Map<String, Object> p = new HashMap<>(Map.of("hidden", List.of(256, 128), "embedding_size", 64, "normalize", true,
                        "input_scale", 1.0 / 255, "lr", 1e-3, "batch_size", 256, "m", 32, "epochs", 5));
                if (protocol.equals("open")) {
                    // five training classes: PML's sampler needs m·classes >= batch, so 5 × 50
                    p.put("batch_size", 250);
                    p.put("m", 50);
                }
                p.putAll(e.getValue());
                if (!"shuffle".equals(p.get("sampler"))) {
                    // PML's MPerClassSampler default epoch: length_before_new_iter = 100000 samples
                    p.put("epoch_length", 100000);
                }
                p.putAll(network());
                p.putAll(extraParams());
                List<Double> maps = new ArrayList<>();
                for (long seed : seeds) {
                    long t0 = System.nanoTime();
                    EmbeddingMetric m = (EmbeddingMetric) Learners.of(List.of(new DeepCatalog())).create("deep_metric", Params.of(p))
                            .fit(tr, FitContext.seeded(seed));
                    double secs = (System.nanoTime() - t0) / 1e9;
                    Map<String, Double> s = score(m.embed(te.x()), te);
                    maps.add(s.get("mean_average_precision_at_r"));
                    System.out.printf("%s | %-26s | seed %d | MAP@R %.4f | P@1 %.4f | %.0f samples/s (train loop), %.1f s total; epoch loss %s%n",
                            protocol, e.getKey(), seed, s.get("mean_average_precision_at_r"), s.get("precision_at_1"),
                            m.trainingLog().samplesPerSecond(), secs,
                            m.trainingLog().epochLoss().stream().map(v -> String.format("%.4f", v)).toList());
                }
                if (seeds.length > 1) {
                    double mean = maps.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                    double sd = Math.sqrt(maps.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (maps.size() - 1));
                    System.out.printf("%s | %-26s | MAP@R mean %.4f ± %.4f (sd over %d seeds)%n", protocol, e.getKey(), mean, sd, seeds.length);
                }
            }
        }
    }
}
