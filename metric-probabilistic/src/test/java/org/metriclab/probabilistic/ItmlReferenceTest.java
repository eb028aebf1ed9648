package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.contract.SharedProtocol;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;

/**
 * ITML against metric-learn 0.7.0's ITML_Supervised with its defaults on breast_cancer and digits
 * (metric_learn_itml.json). metric-learn's accuracy moves with its random pair draw (breast_cancer 5-NN
 * 0.959, 0.924, 0.947 for random_state 0, 1, 2), so the comparison is made twice: on metric-learn's own
 * draw of random_state 0 our 1-NN and 5-NN must be within {@link #SLACK} of its numbers, and on
 * breast_cancer, with our own pair sampler, the mean over seeds 0–2 must be within {@link #SLACK} of
 * metric-learn's mean over random_state 0–2.
 */
class ItmlReferenceTest {
    private static final double SLACK = 0.02;
    private static final int SEEDS = 3;

    private static JsonNode results() throws IOException {
        try (InputStream in = ItmlReferenceTest.class.getResourceAsStream("/metric_learn_itml.json")) {
            return new ObjectMapper().readTree(in).get("results");
        }
    }

    private static int[] ints(JsonNode n) {
        int[] r = new int[n.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = n.get(i).asInt();
        }
        return r;
    }

    /** metric-learn's similar pairs followed by its dissimilar ones, as its ITML visits them. */
    private static Pairs draw(JsonNode r) {
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

    /** metric-learn's rows for one data set. */
    private static List<JsonNode> rows(String dataset) throws IOException {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode r : results()) {
            if (r.get("dataset").asText().equals(dataset)) {
                out.add(r);
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"breast_cancer", "digits"})
    void matchesMetricLearnOnItsOwnDraw(String dataset) throws IOException {
        JsonNode first = rows(dataset).stream().filter(r -> r.get("random_state").asInt() == 0).findFirst().orElseThrow();
        Pairs pairs = draw(first);
        ItmlLearner itml = ItmlLearner.from(Params.of(Map.of()));
        double[] ours = SharedProtocol.knnAccuracy((MetricLearner<MahalanobisMetric>) (train, ctx) -> itml.fit(train.x(), pairs,
                ctx), dataset, 0, 1, 5);
        double ml1 = first.get("knn1_acc").asDouble();
        double ml5 = first.get("knn5_acc").asDouble();
        String msg = String.format("itml %s on metric-learn's draw: 1-NN %.4f, 5-NN %.4f (metric-learn %.4f, %.4f)", dataset,
                ours[0], ours[1], ml1, ml5);
        System.out.println(msg);
        assertTrue(ours[0] >= ml1 - SLACK && ours[1] >= ml5 - SLACK, msg);
    }

    /** Our own sampler on breast_cancer (digits takes too long for three fits in the unit tests). */
    @ParameterizedTest
    @ValueSource(strings = {"breast_cancer"})
    void matchesMetricLearnOnAverageWithOurSampler(String dataset) throws IOException {
        double[] ml = new double[2];
        List<JsonNode> rows = rows(dataset);
        for (JsonNode r : rows) {
            ml[0] += r.get("knn1_acc").asDouble() / rows.size();
            ml[1] += r.get("knn5_acc").asDouble() / rows.size();
        }
        MetricLearner<?> sampled = Learners.of(List.of(new ProbabilisticCatalog())).create("itml", Params.of(Map.of()));
        double[] ours = new double[2];
        for (int seed = 0; seed < SEEDS; seed++) {
            double[] a = SharedProtocol.knnAccuracy(sampled, dataset, seed, 1, 5);
            ours[0] += a[0] / SEEDS;
            ours[1] += a[1] / SEEDS;
        }
        String msg = String.format("itml %s, our sampler, mean of %d seeds: 1-NN %.4f, 5-NN %.4f (metric-learn's mean of %d: "
                + "%.4f, %.4f)", dataset, SEEDS, ours[0], ours[1], rows.size(), ml[0], ml[1]);
        System.out.println(msg);
        assertTrue(ours[0] >= ml[0] - SLACK && ours[1] >= ml[1] - SLACK, msg);
    }
}
