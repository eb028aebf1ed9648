package org.metriclab.spectral;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.Quadruplets;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;

/**
 * Test 1-NN and 5-NN accuracy under the shared protocol with metric-learn's hyperparameters
 * (metric_learn_iris_wine.json, copied into test resources; RCA and MMC on breast_cancer and digits from
 * metric_learn_breast_cancer_digits.json) must be at most 0.02 below metric-learn's,
 * for every learner metric-learn also has. MMC and LSML are fitted on metric-learn's own constraint draw
 * (random_state 0, regenerated with numpy by metric_learn_constraints.py into
 * metric_learn_constraints.json) through the explicit-constraint path, so both sides see the same
 * similar and dissimilar pairs; our sampler's mean over seeds 0–4 is printed for the record. RCA is
 * scored by its mean over seeds 0–4 of our chunklet sampler. LFDA uses {@code convention: metric_learn}
 * (Sugiyama's convention is printed too). There are no exceptions.
 */
class AccuracyFloorTest {
    private static final double SLACK = 0.02;
    private static final int SEEDS = 5;

    /** metric-learn algorithm name → our learner name. */
    static final Map<String, String> NAMES = Map.of("LMNN", "lmnn", "LFDA", "lfda", "RCA_Supervised", "rca",
            "MMC_Supervised", "mmc", "LSML_Supervised", "lsml");

    static JsonNode reference() throws IOException {
        return resource("/metric_learn_iris_wine.json");
    }

    /** RCA and MMC on breast_cancer and digits (see each entry's "source"). */
    static JsonNode widerReference() throws IOException {
        return resource("/metric_learn_breast_cancer_digits.json");
    }

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = AccuracyFloorTest.class.getResourceAsStream(name)) {
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
                // the honest comparison with metric-learn is its own (non-paper) convention; Sugiyama's is reported too
                m.put("convention", "metric_learn");
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
        List<JsonNode> all = new java.util.ArrayList<>();
        reference().get("results").forEach(all::add);
        widerReference().get("results").forEach(all::add);
        for (JsonNode r : all) {
            String alg = r.get("algorithm").asText();
            // metric-learn's own fit can fail (digits, 100 chunks: singular inner covariance); no floor then
            if (NAMES.containsKey(alg) && r.get("knn1_acc").isNumber()) {
                out.add(Arguments.of(r.get("dataset").asText(), alg, r.get("knn1_acc").asDouble(), r.get("knn5_acc").asDouble(),
                        r.get("params")));
            }
        }
        return out.stream();
    }

    static JsonNode metricLearnDraw(String dataset) throws IOException {
        try (InputStream in = AccuracyFloorTest.class.getResourceAsStream("/metric_learn_constraints.json")) {
            for (JsonNode r : new ObjectMapper().readTree(in).get("results")) {
                if (r.get("dataset").asText().equals(dataset)) {
                    return r;
                }
            }
        }
        throw new IllegalStateException("no metric-learn constraint draw for " + dataset);
    }

    private static int[] ints(JsonNode n) {
        int[] r = new int[n.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = n.get(i).asInt();
        }
        return r;
    }

    /** metric-learn's similar pairs followed by its dissimilar pairs. */
    static Pairs metricLearnPairs(String dataset) throws IOException {
        JsonNode r = metricLearnDraw(dataset);
        int[] sa = ints(r.get("similar").get(0));
        int[] sb = ints(r.get("similar").get(1));
        int[] da = ints(r.get("dissimilar").get(0));
        int[] db = ints(r.get("dissimilar").get(1));
        int m = sa.length + da.length;
        int[] left = new int[m];
        int[] right = new int[m];
        boolean[] similar = new boolean[m];
        for (int i = 0; i < m; i++) {
            left[i] = i < sa.length ? sa[i] : da[i - sa.length];
            right[i] = i < sa.length ? sb[i] : db[i - sa.length];
            similar[i] = i < sa.length;
        }
        return new Pairs(left, right, similar);
    }

    /** metric-learn's LSML_Supervised quadruplets: the i-th similar pair against the i-th dissimilar pair. */
    static Quadruplets metricLearnQuadruplets(String dataset) throws IOException {
        JsonNode r = metricLearnDraw(dataset);
        int q = Math.min(r.get("similar").get(0).size(), r.get("dissimilar").get(0).size());
        return new Quadruplets(Arrays.copyOf(ints(r.get("similar").get(0)), q), Arrays.copyOf(ints(r.get("similar").get(1)), q),
                Arrays.copyOf(ints(r.get("dissimilar").get(0)), q), Arrays.copyOf(ints(r.get("dissimilar").get(1)), q));
    }

    /** The learner for the comparison: on metric-learn's own draw for MMC and LSML. */
    static MetricLearner<?> comparable(String dataset, String algorithm, Params params) throws IOException {
        return switch (algorithm) {
            case "MMC_Supervised" -> {
                MmcLearner mmc = MmcLearner.from(params);
                Pairs pairs = metricLearnPairs(dataset);
                yield (MetricLearner<MahalanobisMetric>) (train, ctx) -> mmc.fit(train.x(), pairs, ctx);
            }
            case "LSML_Supervised" -> {
                LsmlLearner lsml = LsmlLearner.from(params);
                Quadruplets quads = metricLearnQuadruplets(dataset);
                yield (MetricLearner<MahalanobisMetric>) (train, ctx) -> lsml.fit(train.x(), quads, ctx);
            }
            default -> Learners.of(List.of(new SpectralCatalog())).create(NAMES.get(algorithm), params);
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void reachesMetricLearnAccuracy(String dataset, String algorithm, double knn1, double knn5, JsonNode p) throws IOException {
        Map<String, Object> ours = params(algorithm, p);
        MetricLearner<?> learner = comparable(dataset, algorithm, Params.of(ours));
        boolean sampled = algorithm.equals("RCA_Supervised");
        int seeds = sampled ? SEEDS : 1;
        double[] acc = new double[2];
        for (int seed = 0; seed < seeds; seed++) {
            double[] a = SharedProtocol.knnAccuracy(learner, dataset, seed, 1, 5);
            acc[0] += a[0] / seeds;
            acc[1] += a[1] / seeds;
        }
        String key = dataset + "/" + algorithm;
        String how = sampled ? " (mean of " + seeds + " seeds)" : algorithm.endsWith("_Supervised") ? " (metric-learn's draw)" : "";
        String msg = key + ": ours 1-NN " + acc[0] + ", 5-NN " + acc[1] + how + " vs metric-learn " + knn1 + ", " + knn5;
        System.out.println("[floor] " + msg);
        boolean small = dataset.equals("iris") || dataset.equals("wine");
        if (small && (algorithm.equals("MMC_Supervised") || algorithm.equals("LSML_Supervised"))) {
            MetricLearner<?> own = Learners.of(List.of(new SpectralCatalog())).create(NAMES.get(algorithm), Params.of(ours));
            double[] mean = new double[2];
            for (int seed = 0; seed < SEEDS; seed++) {
                double[] a = SharedProtocol.knnAccuracy(own, dataset, seed, 1, 5);
                mean[0] += a[0] / SEEDS;
                mean[1] += a[1] / SEEDS;
            }
            System.out.println("[floor] " + key + " (our sampler, mean of " + SEEDS + " seeds, for the record): 1-NN " + mean[0]
                    + ", 5-NN " + mean[1]);
        }
        if (algorithm.equals("LFDA")) {
            Map<String, Object> paper = params(algorithm, p);
            paper.put("convention", "sugiyama");
            double[] a = SharedProtocol.knnAccuracy(Learners.of(List.of(new SpectralCatalog())).create("lfda", Params.of(paper)),
                    dataset, 0, 1, 5);
            System.out.println("[floor] " + key + " (convention sugiyama, for the record): 1-NN " + a[0] + ", 5-NN " + a[1]);
        }
        assertTrue(acc[0] >= knn1 - SLACK - 1e-12 && acc[1] >= knn5 - SLACK - 1e-12, msg);
    }
}
