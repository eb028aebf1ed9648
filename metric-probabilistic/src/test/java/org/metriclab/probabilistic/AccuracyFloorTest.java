package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
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
 * Test 1-NN and 5-NN accuracy on the shared iris and wine splits, with the hyperparameters of
 * metric_learn_iris_wine.json (metric-learn 0.7.0), no more than 0.02 below metric-learn's.
 */
class AccuracyFloorTest {
    private static final double SLACK = 0.02;

    /** metric-learn algorithm name → our learner name and the JSON parameters translated. */
    static final Map<String, String> NAMES = Map.of("NCA", "nca", "ITML_Supervised", "itml", "MLKR", "mlkr",
            "SDML_Supervised", "sdml");

    static Stream<Arguments> references() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = AccuracyFloorTest.class.getResourceAsStream("/metric_learn_iris_wine.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            for (JsonNode r : root.get("results")) {
                String ours = NAMES.get(r.get("algorithm").asText());
                if (ours != null) {
                    out.add(Arguments.of(r.get("dataset").asText(), ours, params(ours, r.get("params")),
                            r.get("knn1_acc").asDouble(), r.get("knn5_acc").asDouble()));
                }
            }
        }
        return out.stream();
    }

    static Map<String, Object> params(String learner, JsonNode p) {
        return switch (learner) {
            case "nca" -> Map.of("max_iter", p.get("max_iter").asInt(), "init", p.get("init").asText());
            case "mlkr" -> Map.of("max_iter", p.get("max_iter").asInt(), "init", p.get("init").asText());
            case "itml" -> Map.of("gamma", p.get("gamma").asDouble(), "max_iter", p.get("max_iter").asInt(),
                    "tol", p.get("tol").asDouble(), "prior", p.get("prior").asText(),
                    "constraints", p.get("n_constraints").asInt());
            case "sdml" -> Map.of("balance_param", p.get("balance_param").asDouble(),
                    "sparsity_param", p.get("sparsity_param").asDouble(), "prior", p.get("prior").asText(),
                    "constraints", p.get("n_constraints").asInt());
            default -> throw new IllegalArgumentException(learner);
        };
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("references")
    void atMostTwoPointsBelowMetricLearn(String dataset, String learner, Map<String, Object> params, double knn1,
            double knn5) {
        MetricLearner<?> l = Learners.of(List.of(new ProbabilisticCatalog())).create(learner, Params.of(params));
        int seeds = learner.equals("itml") || learner.equals("sdml") ? 5 : 1;
        double[] acc = new double[2];
        for (int seed = 0; seed < seeds; seed++) {
            double[] a = SharedProtocol.knnAccuracy(l, dataset, seed, 1, 5);
            acc[0] += a[0] / seeds;
            acc[1] += a[1] / seeds;
        }
        System.out.printf("floor %s %s: 1-NN %.4f (metric-learn %.4f), 5-NN %.4f (metric-learn %.4f)%n", learner, dataset,
                acc[0], knn1, acc[1], knn5);
        assertTrue(acc[0] >= knn1 - SLACK, learner + " on " + dataset + ": 1-NN " + acc[0] + " < " + knn1 + " - " + SLACK);
        assertTrue(acc[1] >= knn5 - SLACK, learner + " on " + dataset + ": 5-NN " + acc[1] + " < " + knn5 + " - " + SLACK);
    }
}
