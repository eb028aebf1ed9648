package org.metriclab.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.CheckedLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.resource.InsufficientMemoryException;
import org.metriclab.core.resource.MemoryBudget;
import org.metriclab.deep.train.TrainSpec;
import org.metriclab.deep.train.TrainingFootprint;

/**
 * How training ends and fails on settings and data it cannot handle: the end of a fixed-epoch run,
 * networks too large to allocate, divergence, inputs outside float32, and config names outside the
 * allowed sets. Tiny data and networks, so these run in seconds.
 */
class TrainingLimitsTest {
    private static final Learners REGISTRY = Learners.of(List.of(new DeepCatalog()));

    private static Map<String, Object> tiny(Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("hidden", List.of(8), "embedding_size", 3, "batch_size", 12, "m", 4, "epochs", 2));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static EmbeddingMetric fit(String learner, Map<String, Object> params, Dataset data, Progress progress) {
        return (EmbeddingMetric) REGISTRY.create(learner, Params.of(params)).fit(data, new FitContext(7, progress));
    }

    /** Records what {@link Progress#finished} was told. */
    private static final class EndRecorder implements Progress {
        final List<Boolean> converged = new ArrayList<>();
        final List<Integer> iterations = new ArrayList<>();

        @Override
        public void iteration(int iteration, double objective) {
        }

        @Override
        public void finished(int its, double objective, boolean conv) {
            iterations.add(its);
            converged.add(conv);
        }
    }

    @Test
    void aRunOfAllItsEpochsIsANormalEndNotAConvergenceFailure() {
        for (String learner : List.of("deep_metric", "autoencoder")) {
            EndRecorder end = new EndRecorder();
            EmbeddingMetric m = fit(learner, tiny(), LearnerContractTest.blobs5(), end);
            assertEquals(List.of(true), end.converged, learner + " reports the end of its epoch budget as a normal end");
            assertEquals(List.of((int) m.trainingLog().iterations()), end.iterations);
            assertEquals(2, m.trainingLog().epochLoss().size());
        }
    }

    @Test
    void aLayerLargerThanOneArrayIsRefusedBeforeAllocation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fit("deep_metric", tiny("hidden", List.of(1_000_000_000)), LearnerContractTest.blobs5(), Progress.none()));
        assertTrue(e.getMessage().contains("dense0_W (5 x 1000000000) would hold 5000000000 values"), e.getMessage());
        assertTrue(e.getMessage().contains("use smaller hidden"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aNetworkLargerThanTheHeapIsRefusedWithTheNeedAndTheWayOut() {
        List<Integer> wide = List.of(46_000, 46_000, 46_000, 46_000);
        InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
                () -> fit("autoencoder", tiny("hidden", wide), LearnerContractTest.blobs5(), Progress.none()));
        assertTrue(e.getMessage().startsWith("autoencoder training of mlp 5 → 46000 → 46000 → 46000 → 46000 → 3 on 60 rows"), e.getMessage());
        assertTrue(e.getMessage().contains("needs about") && e.getMessage().contains("use smaller hidden sizes"), e.getMessage());
    }

    @Test
    void layerSizesBeyondTheIntRangeAreErrorsNotClamped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> REGISTRY.create("deep_metric", Params.of(Map.of("hidden", List.of(1e10)))));
        assertTrue(e.getMessage().contains("hidden sizes must lie in [1, 2147483647], got 10000000000"), e.getMessage());
    }

    @Test
    void theFootprintSaturatesInsteadOfOverflowing() {
        NetSpec huge = NetSpec.from(Params.of(Map.of("hidden", List.of(2_000_000_000, 2_000_000_000))));
        TrainingFootprint f = TrainingFootprint.of(huge, TrainSpec.from(Params.empty()), 10, 5, 2, false);
        assertEquals("dense1_W (2000000000 x 2000000000)", f.largestTensor());
        assertEquals(4_000_000_000_000_000_000L, f.largestSize());
        assertEquals(Long.MAX_VALUE, f.bytes(), "a product beyond the long range compares as too large");
        TrainingFootprint small = TrainingFootprint.of(NetSpec.from(Params.empty()), TrainSpec.from(Params.empty()), 100, 5, 2, false);
        long params = 5 * 256 + 256 + 256 * 128 + 128 + 128 * 64 + 64;
        assertEquals(params, small.parameters());
        assertTrue(small.bytes() > 4 * params && small.bytes() < MemoryBudget.heapLimit(), "bytes " + small.bytes());
    }

    @Test
    void divergenceIsAFitExceptionWithAHintNeverANaNModel() {
        Map<String, Map<String, Object>> settings = Map.of(
                "deep_metric", tiny("optimizer", "sgd", "lr", 1e30, "loss", "contrastive"),
                "autoencoder", tiny("optimizer", "sgd", "lr", 1e30));
        for (String learner : settings.keySet()) {
            FitException e = assertThrows(FitException.class, () -> fit(learner, settings.get(learner), LearnerContractTest.blobs5(),
                    Progress.none()));
            assertEquals(learner, e.learner());
            assertTrue(e.reason().contains("diverged"), e.reason());
            assertTrue(e.hint().contains("lower the learning rate"), e.hint());
        }
    }

    @Test
    void valuesOutsideFloat32AreRejectedNamingTheCell() {
        Dataset blobs = LearnerContractTest.blobs5();
        double[] x = blobs.x().toArray();
        x[2 * 5 + 3] = 1e300;
        Dataset bad = new Dataset("blobs", Matrix.of(blobs.size(), 5, x), blobs.labels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fit("deep_metric", tiny(), bad, Progress.none()));
        assertTrue(e.getMessage().contains("value 1.0E300 at row 3, feature 4 is not a finite float32"), e.getMessage());
        assertTrue(e.getMessage().contains("standardize"), e.getMessage());
    }

    @Test
    void aDamagedCheckpointIsAClearErrorNotAHugeAllocation(@TempDir Path dir) throws IOException {
        Path ckpt = dir.resolve("run.ckpt");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(ckpt))) {
            out.writeInt(0x4D4C4450);
            out.writeInt(1);
            out.writeLong(5);
            out.writeDouble(0);
            out.writeInt(1);
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(1);
            out.writeUTF("dense0_W");
            out.writeInt(2_000_000_000);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit("deep_metric",
                tiny("checkpoint", ckpt.toString(), "resume", true), LearnerContractTest.blobs5(), Progress.none()));
        assertTrue(e.getMessage().contains("'dense0_W' declares 2000000000 values, more than the file holds"), e.getMessage());
    }

    @Test
    void aModelWithNonFiniteWeightsIsRefused() {
        EmbeddingMetric m = fit("deep_metric", tiny(), LearnerContractTest.blobs5(), Progress.none());
        Map<String, float[]> w = m.weights();
        w.get("out_b")[1] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EmbeddingMetric(m.spec(), m.inputDim(), w, m.trainingLog()));
        assertTrue(e.getMessage().contains("'out_b' hold a non-finite value"), e.getMessage());
    }

    @Test
    void configNamesParseOnceAndErrorsListTheAllowedNames() {
        Map<String, String> expected = Map.of(
                "optimizer", "adam, sgd",
                "lr_schedule", "constant, step, exponential, cosine",
                "sampler", "m_per_class, shuffle",
                "net", "mlp, cnn",
                "activation", "relu, tanh, sigmoid, leaky_relu, elu, identity");
        expected.forEach((key, allowed) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> REGISTRY.create("deep_metric", Params.of(Map.of(key, "bogus"))));
            assertTrue(e.getMessage().contains("'" + key + "'") && e.getMessage().contains(allowed), e.getMessage());
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> REGISTRY.create("deep_metric",
                Params.of(Map.of("miner", "triplet_margin", "miner.type_of_triplets", "medium"))));
        assertTrue(e.getMessage().contains("all, semihard, hard, easy"), e.getMessage());
        Params p = Params.of(Map.of("optimizer", "SGD", "lr_schedule", "cosine", "activation", "leaky_relu"));
        DeepMetricLearner l = (DeepMetricLearner) ((CheckedLearner<?>) REGISTRY.create("deep_metric", p)).learner();
        assertEquals("sgd", p.resolved().get("optimizer"), "resolved parameters keep the config spelling");
        assertEquals(Activation.LEAKY_RELU, l.net().activation());
        assertEquals("leaky_relu", l.net().toMap().get("activation"), "model files keep the config names");
    }
}
