package org.metriclab.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;

/**
 * The later losses train a {@code deep_metric} network from learner parameters as a config gives them
 * ({@code loss}, {@code loss.<param>}, {@code miner}): the training loss falls and the embeddings are finite.
 */
class MoreLossesTrainingTest {

    static Stream<Object[]> configs() {
        return Stream.of(
                new Object[] {"angular", new Object[] {"loss.alpha", 40}},
                new Object[] {"angular + angular miner", new Object[] {"miner", "angular", "miner.angle", 20}},
                new Object[] {"margin", new Object[] {"loss.learn_beta", true, "loss.num_classes", 10, "loss.nu", 0.0}},
                new Object[] {"soft_triple", new Object[] {"loss.centers_per_class", 2, "sampler", "shuffle"}},
                new Object[] {"normalized_softmax", new Object[] {"loss.temperature", 0.1, "sampler", "shuffle"}},
                new Object[] {"fast_ap", new Object[] {"loss.num_bins", 10}},
                new Object[] {"tuplet_margin", new Object[] {"loss.scale", 16}},
                new Object[] {"softmax_triplet", new Object[] {"miner", "batch_hard"}},
                new Object[] {"triplet_global", new Object[] {"loss.margin", 0.4}},
                new Object[] {"sphereface", new Object[] {"loss.margin", 2, "sampler", "shuffle"}},
                new Object[] {"subcenter_arcface", new Object[] {"loss.sub_centers", 2, "loss.scale", 16, "sampler", "shuffle"}},
                new Object[] {"cross_batch_memory", new Object[] {"loss.memory_size", 400, "loss.miner", "pair_margin", "batch_size", 100}},
                new Object[] {"deep_fda", new Object[] {"loss.form", "ratio"}},
                new Object[] {"deep_lda", new Object[] {"loss.r", 0.01}},
                new Object[] {"prototypical 5-way 5-shot episodes", new Object[] {"loss.shots", 5, "m", 20, "batch_size", 100}},
                new Object[] {"daml", new Object[] {"miner", "batch_hard", "loss.margin", 0.2}});
    }

    @TestFactory
    Stream<DynamicTest> eachLossTrains() {
        return configs().map(c -> DynamicTest.dynamicTest((String) c[0], () -> {
            String loss = ((String) c[0]).split(" ")[0];
            Object[] extra = (Object[]) c[1];
            Object[] kv = new Object[extra.length + 8];
            System.arraycopy(new Object[] {"loss", loss, "epochs", 4, "lr", 3e-3, "weight_lr", 0.01}, 0, kv, 0, 8);
            System.arraycopy(extra, 0, kv, 8, extra.length);
            Map<String, Object> p = DeepTrainingTest.small(kv);
            EmbeddingMetric m = DeepTrainingTest.fit("deep_metric", p, DeepTrainingTest.part(400), 3, Progress.none());
            List<Double> curve = m.trainingLog().epochLoss();
            assertEquals(4, curve.size());
            assertTrue(curve.get(3) < curve.get(0), c[0] + " loss should fall: " + curve);
            Matrix e = m.embed(FashionSubset.test().x().topRows(20));
            for (double v : e.toArray()) {
                assertTrue(Double.isFinite(v));
            }
        }));
    }
}
