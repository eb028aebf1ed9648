package org.metriclab.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.metriclab.core.data.CsvReader;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;

/**
 * Every entry of pytorch-metric-learning 2.8.1's expected.json (float64): value to 1e-9 absolute,
 * gradient norm w.r.t. the raw embeddings to 1e-4 relative.
 */
class GoldenLossTest {
    private static final String DIR = "/losses/clustered/";

    static final Map<String, String> LOSS_NAMES = Map.ofEntries(
            Map.entry("ContrastiveLoss", "contrastive"), Map.entry("TripletMarginLoss", "triplet_margin"),
            Map.entry("MultiSimilarityLoss", "multi_similarity"), Map.entry("NTXentLoss", "ntxent"),
            Map.entry("ProxyAnchorLoss", "proxy_anchor"), Map.entry("ProxyNCALoss", "proxy_nca"),
            Map.entry("ArcFaceLoss", "arcface"), Map.entry("CosFaceLoss", "cosface"),
            Map.entry("LiftedStructureLoss", "lifted_structure"), Map.entry("NPairsLoss", "npairs"),
            Map.entry("CircleLoss", "circle"));
    static final Map<String, String> MINER_NAMES = Map.of("BatchHardMiner", "batch_hard", "TripletMarginMiner", "triplet_margin",
            "MultiSimilarityMiner", "multi_similarity");

    static JsonNode expected() throws Exception {
        try (InputStream in = GoldenLossTest.class.getResourceAsStream(DIR + "expected.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Matrix csvMatrix(String file) throws Exception {
        try (InputStream in = GoldenLossTest.class.getResourceAsStream(DIR + file)) {
            List<double[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                double[] r = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    r[i] = Double.parseDouble(f[i].trim());
                }
                rows.add(r);
            }
            return Matrix.of(rows.toArray(new double[0][]));
        }
    }

    static Labels labels() throws Exception {
        Matrix m = csvMatrix("labels.csv");
        int[] y = new int[m.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) m.get(i, 0);
        }
        return Labels.of(y);
    }

    static Map<String, Object> params(JsonNode node) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return m;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            m.put(e.getKey(), v.isNull() ? null : v.isBoolean() ? (Object) v.asBoolean() : v.isNumber() ? (Object) v.asDouble() : v.asText());
        }
        return m;
    }

    @org.junit.jupiter.api.Test
    void probeRejectsMismatchedInputs() throws Exception {
        Matrix x = csvMatrix("embeddings.csv");
        Labels y = labels();
        Matrix w = csvMatrix("weights_seed0/arcface_W.csv");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LossProbe.compute("contrastive", Map.of(), null, Map.of(), x, y, w));
        assertTrue(e.getMessage().contains("takes no weights"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LossProbe.compute("contrastive", Map.of(), null, Map.of(), x, Labels.of(0, 1), null));
        assertTrue(e.getMessage().contains("one label per embedding row"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LossProbe.compute("arcface", Map.of("num_classes", 9), null, Map.of(), x, y, w));
        assertTrue(e.getMessage().contains("num_classes=9"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LossProbe.compute("npairs", Map.of(), "batch_hardest", Map.of(), x, y, null));
        assertTrue(e.getMessage().contains("known: batch_hard"), e.getMessage());
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenEntry() throws Exception {
        JsonNode root = expected();
        Matrix x = csvMatrix("embeddings.csv");
        Labels y = labels();
        List<DynamicTest> tests = new ArrayList<>();
        root.get("losses").fields().forEachRemaining(entry -> tests.add(DynamicTest.dynamicTest(entry.getKey(), () -> {
            JsonNode c = entry.getValue();
            String loss = LOSS_NAMES.get(c.get("loss_class").asText());
            JsonNode miner = c.get("miner");
            String minerName = miner == null || miner.isNull() ? null : MINER_NAMES.get(miner.get("class").asText());
            Map<String, Object> minerParams = minerName == null ? Map.of() : params(miner.get("params"));
            Matrix w = null;
            if (c.has("weights")) {
                String csv = c.get("weights").get("csv").asText();
                w = csvMatrix(csv.substring(csv.indexOf("weights_seed0")));
            }
            LossValue v = LossProbe.compute(loss, params(c.get("loss_params")), minerName, minerParams, x, y, w);
            double value = c.get("value").asDouble();
            double grad = c.get("grad_norm_embeddings").asDouble();
            System.out.printf("golden %-28s value %.12f (expected %.12f, |diff| %.1e)  grad_norm %.8f (expected %.8f, rel %.1e)%n",
                    entry.getKey(), v.value(), value, Math.abs(v.value() - value), v.gradNorm(), grad, Math.abs(v.gradNorm() - grad) / grad);
            assertEquals(value, v.value(), 1e-9, entry.getKey() + " value");
            assertTrue(Math.abs(v.gradNorm() - grad) <= 1e-4 * grad, entry.getKey() + " grad norm " + v.gradNorm() + " vs " + grad);
            if (c.has("grad_norm_weights")) {
                var out = org.metriclab.deep.loss.Losses.loss(loss, params(c.get("loss_params")))
                        .evaluate(new org.metriclab.deep.loss.LossBatch(x.toArray(), x.rows(), x.cols(), y.toArray(), null, w.toArray()));
                double gw = c.get("grad_norm_weights").asDouble();
                assertEquals(gw, org.metriclab.deep.loss.LossOutput.norm(out.gradWeights()), 1e-4 * gw, entry.getKey() + " weight grad norm");
            }
        })));
        return tests.stream();
    }
}
