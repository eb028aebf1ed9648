package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;

/**
 * Test 1-NN and 5-NN accuracy under the shared protocol with metric-learn's hyperparameters
 * (metric_learn_iris_wine.json, copied into test resources) must be at most 0.02 below metric-learn's,
 * for every learner metric-learn also has.
 */
class AccuracyFloorTest {
    private static final double SLACK = 0.02;

    /** metric-learn algorithm name → our learner name. */
    static final Map<String, String> NAMES = Map.of("LMNN", "lmnn", "LFDA", "lfda", "RCA_Supervised", "rca",
            "MMC_Supervised", "mmc", "LSML_Supervised", "lsml");

    static JsonNode reference() throws IOException {
        try (InputStream in = AccuracyFloorTest.class.getResourceAsStream("/metric_learn_iris_wine.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** Our parameters for a metric-learn entry. */
    static Map<String, Object> params(String algorithm, JsonNode p) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (algorithm) {
            case "LMNN" -> {
                m.put("k", p.get("n_neighbors").asInt());
                m.put("learn_rate", p.get("learn_rate").asDouble());
                m.put("max_iter", p.get("max_iter").asInt());
                m.put("min_iter", p.get("min_iter").asInt());
                m.put("regularization", p.get("regularization").asDouble());
                m.put("convergence_tol", p.get("convergence_tol").asDouble());
            }
            case "LFDA" -> {
                m.put("k", p.get("k").asInt());
                m.put("embedding", p.get("embedding_type").asText());
            }
            case "RCA_Supervised" -> {
                m.put("chunks", p.get("n_chunks").asInt());
                m.put("chunk_size", p.get("chunk_size").asInt());
            }
            case "MMC_Supervised" -> {
                m.put("max_iter", p.get("max_iter").asInt());
                m.put("max_proj", p.get("max_proj").asInt());
                m.put("tol", p.get("tol").asDouble());
                m.put("diagonal", p.get("diagonal").asBoolean());
                m.put("diagonal_c", p.get("diagonal_c").asDouble());
                m.put("constraints", p.get("n_constraints").asInt());
            }
            case "LSML_Supervised" -> {
                m.put("tol", p.get("tol").asDouble());
                m.put("max_iter", p.get("max_iter").asInt());
                m.put("constraints", p.get("n_constraints").asInt());
            }
            default -> throw new IllegalArgumentException(algorithm);
        }
        return m;
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new java.util.ArrayList<>();
        for (JsonNode r : reference().get("results")) {
            String alg = r.get("algorithm").asText();
            if (NAMES.containsKey(alg)) {
                out.add(Arguments.of(r.get("dataset").asText(), alg, r.get("knn1_acc").asDouble(), r.get("knn5_acc").asDouble(),
                        r.get("params")));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void reachesMetricLearnAccuracy(String dataset, String algorithm, double knn1, double knn5, JsonNode p) {
        MetricLearner<?> learner = Learners.of(List.of(new SpectralCatalog())).create(NAMES.get(algorithm),
                Params.of(params(algorithm, p)));
        double[] acc = SharedProtocol.knnAccuracy(learner, dataset, 0, 1, 5);
        String msg = dataset + " " + algorithm + ": ours 1-NN " + acc[0] + ", 5-NN " + acc[1] + " vs metric-learn " + knn1 + ", " + knn5;
        System.out.println("[floor] " + msg);
        assertTrue(acc[0] >= knn1 - SLACK - 1e-12 && acc[1] >= knn5 - SLACK - 1e-12, msg);
    }
}
