package org.metriclab.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.deep.loss.LossBatch;
import org.metriclab.deep.loss.LossOutput;
import org.metriclab.deep.loss.Losses;
import org.metriclab.deep.loss.MetricLoss;

/**
 * {@code cross_batch_memory} against pytorch-metric-learning 2.8.1's CrossBatchMemory (float64,
 * {@code losses/xbm/expected.json}, written by benchmarks/scripts/pml_xbm_reference.py): four batches in
 * sequence through one memory (filling, wrapping, overwriting), value to 1e-9 and gradient norm to 1e-6
 * relative at every step. Wrapped losses whose terms involve memory rows as anchors (multi-similarity and
 * circle average over every row; lifted structure and angular use the positive's negatives) would differ;
 * the wrapper refuses them, and this test checks it does.
 */
class GoldenXbmTest {
    private static final Map<String, String> LOSS_NAMES = Map.of("ContrastiveLoss", "contrastive", "TripletMarginLoss", "triplet_margin",
            "NTXentLoss", "ntxent", "SupConLoss", "supcon", "LiftedStructureLoss", "lifted_structure", "MarginLoss", "margin",
            "TupletMarginLoss", "tuplet_margin", "AngularLoss", "angular", "MultiSimilarityLoss", "multi_similarity", "CircleLoss", "circle");

    private static final Set<String> REFUSED = Set.of("multi_similarity", "circle", "lifted_structure", "angular");

    @TestFactory
    Stream<DynamicTest> everySequenceMatchesPml() throws Exception {
        JsonNode root;
        try (InputStream in = GoldenXbmTest.class.getResourceAsStream("/losses/xbm/expected.json")) {
            root = new ObjectMapper().readTree(in);
        }
        Matrix x = GoldenLossTest.csvMatrix("embeddings.csv");
        int[] y = GoldenLossTest.labels().toArray();
        List<DynamicTest> tests = new ArrayList<>();
        root.get("configurations").fields().forEachRemaining(entry -> tests.add(DynamicTest.dynamicTest(entry.getKey(), () -> {
            JsonNode c = entry.getValue();
            String inner = LOSS_NAMES.get(c.get("loss_class").asText());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("loss", inner);
            GoldenLossTest.params(c.get("loss_params")).forEach((k, v) -> p.put("loss." + k, v));
            p.put("memory_size", c.get("memory_size").asInt());
            JsonNode miner = c.get("miner");
            if (miner != null && !miner.isNull()) {
                p.put("miner", "pair_margin");
                GoldenLossTest.params(miner.get("params")).forEach((k, v) -> p.put("miner." + k, v));
            }
            if (REFUSED.contains(inner)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.loss("cross_batch_memory", p));
                assertTrue(e.getMessage().contains("cannot wrap loss '" + inner + "'"), e.getMessage());
                return;
            }
            MetricLoss run = Losses.loss("cross_batch_memory", p).forRun();
            for (int s = 0; s < 4; s++) {
                double[][] step = step(x, y, s);
                int[] yb = new int[16];
                for (int i = 0; i < 16; i++) {
                    yb[i] = (int) step[1][i];
                }
                LossOutput out = run.evaluate(new LossBatch(step[0], 16, x.cols(), yb, null, null));
                double value = c.get("values").get(s).asDouble();
                double grad = c.get("grad_norms").get(s).asDouble();
                double got = LossOutput.norm(out.gradEmbeddings());
                System.out.printf("xbm %-28s step %d value %.12f (expected %.12f)  grad_norm %.10f (expected %.10f)%n", entry.getKey(), s + 1,
                        out.value(), value, got, grad);
                assertEquals(value, out.value(), 1e-9, entry.getKey() + " step " + (s + 1) + " value");
                assertEquals(grad, got, 1e-6 * Math.max(grad, 1e-12), entry.getKey() + " step " + (s + 1) + " gradient norm");
            }
        })));
        return tests.stream();
    }

    /** The script's steps: rows 0-15; rows 16-31; 1.5·rows 0-15 + 0.1; 0.5·rows 8-23 − 0.2 (same operation order). */
    private static double[][] step(Matrix x, int[] y, int s) {
        int from = new int[] {0, 16, 0, 8}[s];
        double mul = new double[] {1, 1, 1.5, 0.5}[s];
        double add = new double[] {0, 0, 0.1, -0.2}[s];
        int d = x.cols();
        double[] out = new double[16 * d];
        double[] labels = new double[16];
        for (int i = 0; i < 16; i++) {
            labels[i] = y[from + i];
            for (int k = 0; k < d; k++) {
                double v = x.get(from + i, k);
                // a − b and a + (−b) round identically, so the fourth step matches the script's "− 0.2"
                out[i * d + k] = s < 2 ? v : v * mul + add;
            }
        }
        return new double[][] {out, labels};
    }
}
