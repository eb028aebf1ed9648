package org.metriclab.deep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.IdxReader;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.deep.DeepCatalog;
import org.metriclab.deep.EmbeddingMetric;
import org.metriclab.deep.fewshot.FewShotProtocol;
import org.metriclab.eval.RetrievalEvaluator;

/**
 * The open (class-disjoint) Fashion-MNIST study (not a unit test): train on the training images of
 * classes 0–4, then on the test images of classes 5–9 report MAP@R and P@1 (all-vs-all, self excluded)
 * and the 5-way 1-shot and 5-shot accuracy (600 episodes, 15 queries, nearest prototype) with 95%
 * intervals, against raw pixels. MLP 784→256→128→64, Adam 1e-3, 5 epochs of {@code -Dbench.epoch=20000}
 * samples (m_per_class setups); {@code -Dbench.epochs=N} trains N epochs instead, {@code -Dbench.seeds=0,1,2} repeats every
 * setup over those fit seeds and prints the mean ± sd; {@code -Dbench.net=cnn} trains the CNN instead. Args: [dataset dir] [setup names…]. Run with OMP_NUM_THREADS=1 on the
 * test classpath of metric-deep.
 */
public final class OpenSetBenchmark {
    private OpenSetBenchmark() {
    }

    static Map<String, Map<String, Object>> setups() {
        Map<String, Map<String, Object>> s = new LinkedHashMap<>();
        s.put("contrastive+pair_margin", Map.of("loss", "contrastive", "miner", "pair_margin", "miner.pos_margin", 0.2, "miner.neg_margin", 0.8));
        s.put("xbm(contrastive+pair_margin)", Map.of("loss", "cross_batch_memory", "loss.loss", "contrastive", "loss.miner", "pair_margin",
                "loss.miner.pos_margin", 0.2, "loss.miner.neg_margin", 0.8, "loss.memory_size", 2000));
        s.put("prototypical 5w5s+15q", Map.of("loss", "prototypical", "loss.shots", 5, "batch_size", 100, "m", 20, "normalize", false));
        s.put("prototypical 5w1s+15q", Map.of("loss", "prototypical", "loss.shots", 1, "batch_size", 80, "m", 16, "normalize", false));
        s.put("deep_lda", Map.of("loss", "deep_lda", "normalize", false));
        s.put("deep_fda ratio", Map.of("loss", "deep_fda"));
        s.put("sphereface", Map.of("loss", "sphereface", "loss.scale", 16, "weight_lr", 1e-2, "sampler", "shuffle"));
        s.put("subcenter_arcface", Map.of("loss", "subcenter_arcface", "loss.scale", 16, "weight_lr", 1e-2, "sampler", "shuffle"));
        s.put("daml", Map.of("loss", "daml", "miner", "batch_hard", "weight_lr", 1e-3));
        s.put("daml lambda0", Map.of("loss", "daml", "loss.lambda", 0, "miner", "batch_hard", "weight_lr", 1e-3));
        s.put("daml 1-layer", Map.of("loss", "daml", "loss.generator_layers", 1, "miner", "batch_hard", "weight_lr", 1e-3));
        return s;
    }

    /** MAP@R, P@1, 5-way 1-shot mean accuracy and its 95% half-width, 5-way 5-shot mean and half-width. */
    static double[] scores(Matrix emb, Dataset te) {
        Map<String, Double> r = RetrievalEvaluator.evaluateSelf(emb, te.labels(), List.of("mean_average_precision_at_r", "precision_at_1"), 0);
        FewShotProtocol.Result one = new FewShotProtocol(5, 1, 15, 600, false).evaluate(emb, te.labels(), 0);
        FewShotProtocol.Result five = new FewShotProtocol(5, 5, 15, 600, false).evaluate(emb, te.labels(), 0);
        return new double[] {r.get("mean_average_precision_at_r"), r.get("precision_at_1"), one.meanAccuracy(), one.ci95(), five.meanAccuracy(),
            five.ci95()};
    }

    static String line(String name, double[] s) {
        return String.format("open | %-36s | MAP@R %.4f | P@1 %.4f | 5w1s %.4f ± %.4f | 5w5s %.4f ± %.4f", name, s[0], s[1], s[2], s[3], s[4], s[5]);
    }

    /** Mean ± sample sd over seeds of MAP@R, P@1 and the two few-shot accuracies. */
    static String summary(String name, List<double[]> runs) {
        StringBuilder b = new StringBuilder(String.format("open | %-36s | mean ± sd over %d seeds:", name, runs.size()));
        String[] names = {"MAP@R", "P@1", "5w1s", "", "5w5s"};
        for (int k : new int[] {0, 1, 2, 4}) {
            double mean = runs.stream().mapToDouble(r -> r[k]).average().orElse(Double.NaN);
            double ss = runs.stream().mapToDouble(r -> (r[k] - mean) * (r[k] - mean)).sum();
            b.append(String.format(" %s %.4f ± %.4f", names[k], mean, Math.sqrt(ss / (runs.size() - 1))));
        }
        return b.toString();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        if (!Files.exists(dir.resolve("train-images-idx3-ubyte.gz"))) {
            throw new IllegalArgumentException("Fashion-MNIST not found in " + dir + "; install it with: apt-get install dataset-fashion-mnist");
        }
        List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        int epoch = Integer.getInteger("bench.epoch", 20000);
        int epochs = Integer.getInteger("bench.epochs", 5);
        long[] seeds = java.util.Arrays.stream(System.getProperty("bench.seeds", "0").split(",")).mapToLong(Long::parseLong).toArray();
        Dataset train = IdxReader.readDataset("fashion_train", dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"), 0);
        Dataset test = IdxReader.readDataset("fashion_test", dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"), 0);
        Dataset tr = FashionMnistBenchmark.classes(train, 0, 4);
        Dataset te = FashionMnistBenchmark.classes(test, 5, 9);
        System.out.println(line("raw pixels (L2)", scores(RetrievalEvaluator.cosineNormalized(te.x()), te)));
        for (Map.Entry<String, Map<String, Object>> e : setups().entrySet()) {
            if (!only.isEmpty() && !only.contains(e.getKey())) {
                continue;
            }
            Map<String, Object> p = new HashMap<>(Map.of("hidden", List.of(256, 128), "embedding_size", 64, "normalize", true,
                    "input_scale", 1.0 / 255, "lr", 1e-3, "batch_size", 250, "m", 50, "epochs", epochs));
            p.putAll(e.getValue());
            p.putAll(FashionMnistBenchmark.network());
            if (!"shuffle".equals(p.get("sampler"))) {
                p.put("epoch_length", epoch);
            }
            List<double[]> scores = new ArrayList<>();
            for (long seed : seeds) {
                long t0 = System.nanoTime();
                EmbeddingMetric m = (EmbeddingMetric) Learners.of(List.of(new DeepCatalog())).create("deep_metric", Params.of(p))
                        .fit(tr, FitContext.seeded(seed));
                double secs = (System.nanoTime() - t0) / 1e9;
                double[] s = scores(m.embed(te.x()), te);
                scores.add(s);
                System.out.println(line(e.getKey() + " seed " + seed, s) + String.format(" | %.0f s; epoch loss %s", secs,
                        m.trainingLog().epochLoss().stream().map(v -> String.format("%.4f", v)).toList()));
            }
            if (seeds.length > 1) {
                System.out.println(summary(e.getKey(), scores));
            }
        }
    }
}
