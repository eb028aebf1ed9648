package org.metriclab.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodecs;
import org.metriclab.eval.RetrievalEvaluator;

/** Training on the shipped Fashion-MNIST subset: learning, reproducibility, checkpoints, persistence. */
class DeepTrainingTest {
    static final double PIXEL = 1.0 / 255;

    static Map<String, Object> small(Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("hidden", List.of(128), "embedding_size", 32, "input_scale", PIXEL,
                "batch_size", 200, "m", 20, "epochs", 3));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static EmbeddingMetric fit(String learner, Map<String, Object> params, long seed, Progress progress) {
        return fit(learner, params, FashionSubset.train(), seed, progress);
    }

    static EmbeddingMetric fit(String learner, Map<String, Object> params, Dataset data, long seed, Progress progress) {
        return (EmbeddingMetric) Learners.of(List.of(new DeepCatalog())).create(learner, Params.of(params))
                .fit(data, new FitContext(seed, progress));
    }

    static Dataset part(int rows) {
        return FashionSubset.train().subset(IntStream.range(0, rows).toArray());
    }

    static double mapAtR(Matrix emb, Dataset test) {
        return RetrievalEvaluator.evaluateSelf(emb, test.labels(), List.of("mean_average_precision_at_r"), 0)
                .get("mean_average_precision_at_r");
    }

    @Test
    void contrastiveWithPairMarginMinerBeatsRawPixelsAndTheUntrainedNet() {
        Dataset test = FashionSubset.test();
        List<Double> losses = new ArrayList<>();
        EmbeddingMetric trained = fit("deep_metric", small("loss", "contrastive", "miner", "pair_margin", "epochs", 5), 1,
                (i, v) -> losses.add(v));
        EmbeddingMetric untrained = fit("deep_metric", small("loss", "contrastive", "epochs", 1, "lr", 1e-12), 1, Progress.none());
        double raw = mapAtR(RetrievalEvaluator.cosineNormalized(test.x()), test);
        double before = mapAtR(untrained.embed(test.x()), test);
        double after = mapAtR(trained.embed(test.x()), test);
        // the mined loss stays level by design (the miner keeps only violating pairs), so learning is judged by retrieval
        System.out.printf("fashion subset MAP@R: raw %.4f, untrained %.4f, trained %.4f; %.0f samples/s%n", raw, before, after,
                trained.trainingLog().samplesPerSecond());
        assertEquals(50, losses.size(), "5 epochs × 10 batches reported through progress");
        assertTrue(after > before + 0.05, "trained " + after + " vs untrained " + before);
        assertTrue(after > raw, "trained " + after + " vs raw pixels " + raw);
    }

    @Test
    void sameSeedSameEmbeddingsAndResumeContinuesIdentically(@TempDir Path dir) throws Exception {
        Matrix probe = FashionSubset.test().x().topRows(50);
        Map<String, Object> p = small("loss", "proxy_anchor", "sampler", "shuffle", "dropout", 0.2, "batch_norm", true, "epochs", 3);
        EmbeddingMetric a = fit("deep_metric", p, part(600), 5, Progress.none());
        List<Double> curve = a.trainingLog().epochLoss();
        assertEquals(3, curve.size());
        assertTrue(curve.get(2) < curve.get(0), "proxy-anchor loss should fall: " + curve);
        EmbeddingMetric b = fit("deep_metric", p, part(600), 5, Progress.none());
        assertEquals(a.embed(probe), b.embed(probe), "same seed must give identical embeddings");
        EmbeddingMetric c = fit("deep_metric", p, part(600), 6, Progress.none());
        assertNotEquals(a.embed(probe), c.embed(probe));

        Path ck = dir.resolve("run.ckpt");
        Map<String, Object> first = new HashMap<>(p);
        first.put("epochs", 2);
        first.put("checkpoint", ck.toString());
        fit("deep_metric", first, part(600), 5, Progress.none());
        assertTrue(Files.size(ck) > 1000);
        Map<String, Object> rest = new HashMap<>(p);
        rest.put("checkpoint", ck.toString());
        rest.put("resume", true);
        List<Double> iterations = new ArrayList<>();
        EmbeddingMetric resumed = fit("deep_metric", rest, part(600), 5, (i, v) -> iterations.add((double) i));
        assertEquals(3, iterations.size(), "only the third epoch runs after resuming");
        assertEquals(7.0, iterations.get(0), "iteration numbering continues");
        assertEquals(a.embed(probe), resumed.embed(probe), "resumed run must match the uninterrupted one");
        assertEquals(a.trainingLog().epochLoss(), resumed.trainingLog().epochLoss());
    }

    @Test
    void codecRoundTripGivesIdenticalEmbeddings() {
        EmbeddingMetric m = fit("deep_metric", small("loss", "multi_similarity", "miner", "multi_similarity", "epochs", 1), 2, Progress.none());
        MetricCodecs codecs = MetricCodecs.load();
        Map<String, Object> tree = codecs.encode(m);
        assertEquals("deep_embedding", tree.get("kind"));
        EmbeddingMetric back = (EmbeddingMetric) codecs.decode(tree);
        Matrix probe = FashionSubset.test().x().topRows(20);
        assertEquals(m.embed(probe), back.embed(probe));
        assertEquals(m.trainingLog(), back.trainingLog());
        Map<String, Object> broken = new HashMap<>(tree);
        broken.remove("input_dim");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codecs.decode(broken));
        assertTrue(e.getMessage().contains("input_dim"), e.getMessage());
    }

    @Test
    void earlyStoppingKeepsTheBestValidationEpoch() {
        Map<String, List<Double>> curves = new HashMap<>();
        List<Integer> steps = new ArrayList<>();
        Progress recorder = new Progress() {
            @Override
            public void iteration(int iteration, double objective) {
            }

            @Override
            public void measure(String name, int step, double value) {
                curves.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                if (name.equals(Progress.EPOCH_LOSS)) {
                    steps.add(step);
                }
            }
        };
        EmbeddingMetric m = fit("deep_metric", small("loss", "triplet_margin", "loss.margin", 0.2, "miner", "triplet_margin",
                "miner.type_of_triplets", "semihard", "epochs", 3, "patience", 1, "lr", 3e-3), part(1000), 3, recorder);
        List<Double> val = m.trainingLog().validationMapAtR();
        List<Double> throughput = curves.remove(Progress.SAMPLES_PER_SECOND);
        assertEquals(val.size(), throughput.size(), "one throughput point per epoch");
        assertTrue(throughput.stream().allMatch(v -> v > 0), "samples/s " + throughput);
        assertEquals(Map.of(Progress.EPOCH_LOSS, m.trainingLog().epochLoss(), Progress.VALIDATION_MAP_AT_R, val), curves,
                "per-epoch progress reports the training log's loss and validation MAP@R");
        assertEquals(IntStream.rangeClosed(1, val.size()).boxed().toList(), steps, "steps are 1-based epochs");
        assertFalse(val.isEmpty());
        int kept = m.trainingLog().keptEpoch();
        assertEquals(val.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), val.get(kept - 1), 0.0);
        assertTrue(val.get(kept - 1) > 0.3, "validation MAP@R " + val);
    }

    @Test
    void trackValidationRecordsEveryEpochWithoutStopping() {
        Map<String, Object> p = small("loss", "contrastive", "epochs", 3, "lr", 3e-3, "track_validation", true);
        EmbeddingMetric tracked = fit("deep_metric", p, part(600), 5, Progress.none());
        List<Double> val = tracked.trainingLog().validationMapAtR();
        assertEquals(3, val.size(), "one validation score per epoch: " + val);
        assertEquals(3, tracked.trainingLog().keptEpoch(), "without patience the last epoch is kept");
        assertTrue(val.stream().allMatch(v -> v > 0 && v <= 1), "MAP@R in (0, 1]: " + val);
        Map<String, Object> plain = new HashMap<>(p);
        plain.remove("track_validation");
        assertTrue(fit("deep_metric", plain, part(600), 5, Progress.none()).trainingLog().validationMapAtR().isEmpty());
    }

    @Test
    void autoencoderAndCnnLearn() {
        EmbeddingMetric ae = fit("autoencoder", small("epochs", 3, "lr", 3e-3), part(1000), 4, Progress.none());
        List<Double> l = ae.trainingLog().epochLoss();
        assertTrue(l.get(2) < l.get(0), "reconstruction error should fall: " + l);
        assertEquals(32, ae.outputDim());
        assertTrue(ae.weights().keySet().stream().noneMatch(k -> k.startsWith("dec")), "only the encoder is kept");

        Dataset part = part(150);
        EmbeddingMetric cnn = (EmbeddingMetric) Learners.of(List.of(new DeepCatalog())).create("deep_metric", Params.of(small("net", "cnn",
                "conv_channels", List.of(4, 8), "hidden", List.of(32), "loss", "softmax", "sampler", "shuffle", "batch_size", 50, "epochs", 3,
                "lr", 1e-2))).fit(part, FitContext.seeded(4));
        List<Double> cl = cnn.trainingLog().epochLoss();
        System.out.printf("cnn softmax: epoch losses %s, %.0f samples/s%n", cl, cnn.trainingLog().samplesPerSecond());
        assertTrue(cl.get(2) < cl.get(0), "cnn loss should fall: " + cl);
        assertTrue(cnn.embed(part.x().topRows(10)).isFinite());
    }

    @Test
    void badSettingsAreClearErrors() {
        Learners reg = Learners.of(List.of(new DeepCatalog()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> reg.create("deep_metric", Params.of(Map.of("loss", "nope"))));
        assertTrue(e.getMessage().contains("contrastive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> reg.create("deep_metric", Params.of(Map.of("loss.margn", 0.1))));
        assertTrue(e.getMessage().contains("margn"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> reg.create("deep_metric", Params.of(Map.of("activation", "swish"))));
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> reg.create("deep_metric", Params.of(Map.of("net", "cnn"))).fit(LearnerContractTest.blobs5(), FitContext.seeded(1)));
        assertTrue(e.getMessage().contains("square"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> reg.create("deep_metric", Params.of(Map.of("sampler", "shuffle", "epoch_length", 100000))));
        assertTrue(e.getMessage().contains("epoch_length applies to sampler m_per_class"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> reg.create("deep_metric", Params.of(Map.of("epoch_length", 100))));
        assertTrue(e.getMessage().contains("at least batch_size 256"), e.getMessage());
        Params p = Params.of(Map.of("loss", "arcface"));
        reg.create("deep_metric", p);
        assertEquals(28.6, p.resolved().get("loss.margin"));
        assertEquals(64.0, p.resolved().get("loss.scale"));
        assertArrayEquals(new Object[] {256, 32, "m_per_class"},
                new Object[] {p.resolved().get("batch_size"), p.resolved().get("m"), p.resolved().get("sampler")});
    }
}
