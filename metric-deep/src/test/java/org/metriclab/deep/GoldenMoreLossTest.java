package org.metriclab.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.deep.loss.LossBatch;
import org.metriclab.deep.loss.LossOutput;
import org.metriclab.deep.loss.Losses;
import org.metriclab.deep.loss.MetricLoss;
import org.metriclab.deep.loss.Tuples;

/**
 * The later losses against pytorch-metric-learning 2.8.1 (float64, {@code losses/more/expected.json},
 * written by benchmarks/scripts/pml_more_losses_reference.py) on the shared clustered batch: value to
 * 1e-9 absolute, gradient norms (embeddings and learned parameters) to 1e-4 relative, and the number of
 * mined tuples exactly. Softmax triplet and triplet global are not in PML: their reference is torch autograd
 * of the paper's formula on PML's triplets. Learned parameters are read from the CSVs next to it, one row per class vector,
 * centre or margin boundary.
 */
class GoldenMoreLossTest {
    private static final String DIR = "/losses/more/";

    static final Map<String, String> LOSS_NAMES = Map.of("AngularLoss", "angular", "MarginLoss", "margin",
            "SoftTripleLoss", "soft_triple", "NormalizedSoftmaxLoss", "normalized_softmax", "FastAPLoss", "fast_ap",
            "TupletMarginLoss", "tuplet_margin", "SoftmaxTripletLoss", "softmax_triplet", "TripletGlobalLoss", "triplet_global",
            "SphereFaceLoss", "sphereface", "SubCenterArcFaceLoss", "subcenter_arcface");
    static final Map<String, String> MINER_NAMES = Map.of("AngularMiner", "angular", "BatchHardMiner", "batch_hard",
            "TripletMarginMiner", "triplet_margin");

    @TestFactory
    Stream<DynamicTest> everyGoldenEntry() throws Exception {
        JsonNode root;
        try (InputStream in = GoldenMoreLossTest.class.getResourceAsStream(DIR + "expected.json")) {
            root = new ObjectMapper().readTree(in);
        }
        Matrix x = GoldenLossTest.csvMatrix("embeddings.csv");
        Labels y = GoldenLossTest.labels();
        List<DynamicTest> tests = new ArrayList<>();
        root.get("losses").fields().forEachRemaining(entry -> tests.add(DynamicTest.dynamicTest(entry.getKey(), () -> {
            JsonNode c = entry.getValue();
            String lossName = LOSS_NAMES.get(c.get("loss_class").asText());
            assertNotNull(lossName, "no loss for " + c.get("loss_class"));
            MetricLoss loss = Losses.loss(lossName, GoldenLossTest.params(c.get("loss_params")));
            double[] w = c.has("weights") ? resource(c.get("weights").get("csv").asText()).toArray() : null;
            Tuples t = null;
            JsonNode miner = c.get("miner");
            if (miner != null && !miner.isNull()) {
                String minerName = MINER_NAMES.get(miner.get("class").asText());
                t = Losses.miner(minerName, GoldenLossTest.params(miner.get("params")))
                        .mine(x.toArray(), x.rows(), x.cols(), y.toArray(), new SplittableRandom(0));
                assertEquals(miner.get("n_tuples").asInt(), size(t), entry.getKey() + " mined tuples");
            }
            LossOutput out = loss.evaluate(new LossBatch(x.toArray(), x.rows(), x.cols(), y.toArray(), t, w));
            double value = c.get("value").asDouble();
            double grad = c.get("grad_norm_embeddings").asDouble();
            double got = LossOutput.norm(out.gradEmbeddings());
            System.out.printf("golden %-28s value %.12f (expected %.12f, |diff| %.1e)  grad_norm %.8f (expected %.8f, rel %.1e)%n",
                    entry.getKey(), out.value(), value, Math.abs(out.value() - value), got, grad, Math.abs(got - grad) / grad);
            assertEquals(value, out.value(), 1e-9, entry.getKey() + " value");
            assertTrue(Math.abs(got - grad) <= 1e-4 * grad, entry.getKey() + " grad norm " + got + " vs " + grad);
            if (c.has("grad_norm_weights")) {
                // a learned margin boundary is a row of D equal entries, each receiving dL/dbeta / D
                double rowScale = "beta".equals(c.get("weights").get("attribute").asText()) ? Math.sqrt(x.cols()) : 1;
                double gw = c.get("grad_norm_weights").asDouble() / rowScale;
                assertEquals(gw, LossOutput.norm(out.gradWeights()), 1e-4 * gw, entry.getKey() + " weight grad norm");
            }
        })));
        return tests.stream();
    }

    private static int size(Tuples t) {
        return t instanceof Tuples.Triplets tr ? tr.size() : ((Tuples.Pairs) t).a1().length;
    }

    private static Matrix resource(String file) throws Exception {
        try (InputStream in = GoldenMoreLossTest.class.getResourceAsStream(DIR + file)) {
            assertNotNull(in, DIR + file);
            List<double[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    String[] f = line.split(",");
                    double[] r = new double[f.length];
                    for (int i = 0; i < f.length; i++) {
                        r[i] = Double.parseDouble(f[i].trim());
                    }
                    rows.add(r);
                }
            }
            return Matrix.of(rows.toArray(new double[0][]));
        }
    }
}
