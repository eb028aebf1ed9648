package org.metriclab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.CsvReader;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;

/** Reproduces the PML AccuracyCalculator golden files (exact k-NN oracle) in src/test/resources/retrieval. */
class GoldenRetrievalTest {

    static Matrix matrix(String resource) throws IOException {
        try (InputStream in = GoldenRetrievalTest.class.getResourceAsStream("/retrieval/" + resource)) {
            return CsvReader.readMatrix(new InputStreamReader(in, StandardCharsets.UTF_8), resource, false);
        }
    }

    static Labels labels(String resource) throws IOException {
        Matrix m = matrix(resource);
        int[] ids = new int[m.rows()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) m.get(i, 0);
        }
        return Labels.of(ids);
    }

    static JsonNode json(String resource) throws IOException {
        try (InputStream in = GoldenRetrievalTest.class.getResourceAsStream("/retrieval/" + resource)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static void check(JsonNode expected, Map<String, Double> actual, String suffix) {
        Iterator<String> names = expected.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            double tol = name.equals("mean_reciprocal_rank") ? 1e-6 : 1e-9;
            assertEquals(expected.get(name).asDouble(), actual.get(name + suffix), tol, name + suffix);
        }
    }

    private static List<String> names(JsonNode metrics, String suffix) {
        List<String> out = new ArrayList<>();
        metrics.fieldNames().forEachRemaining(n -> out.add(n + suffix));
        return out;
    }

    @Test
    void selfModeMatchesGolden() throws IOException {
        JsonNode expected = json("random_self/expected.json");
        Matrix x = matrix("random_self/embeddings.csv");
        Labels y = labels("random_self/labels.csv");
        check(expected.get("metrics"), RetrievalEvaluator.evaluateSelf(x, y, names(expected.get("metrics"), ""), 0), "");
        check(expected.get("metrics_avg_of_avgs"),
                RetrievalEvaluator.evaluateSelf(x, y, names(expected.get("metrics_avg_of_avgs"), "_per_class"), 0), "_per_class");
    }

    @Test
    void queryReferenceModeMatchesGolden() throws IOException {
        JsonNode expected = json("random_query_reference/expected.json");
        Matrix q = matrix("random_query_reference/query_embeddings.csv");
        Labels ql = labels("random_query_reference/query_labels.csv");
        Matrix r = matrix("random_query_reference/reference_embeddings.csv");
        Labels rl = labels("random_query_reference/reference_labels.csv");
        check(expected.get("metrics"), RetrievalEvaluator.evaluate(q, ql, r, rl, names(expected.get("metrics"), ""), 0), "");
        check(expected.get("metrics_avg_of_avgs"),
                RetrievalEvaluator.evaluate(q, ql, r, rl, names(expected.get("metrics_avg_of_avgs"), "_per_class"), 0), "_per_class");
    }

    @Test
    void nmiAndAmiOfFixedClustersMatchScikitLearn() throws IOException {
        JsonNode metrics = json("random_self/expected_fixed_clusters.json").get("metrics");
        int[] y = labels("random_self/labels.csv").toArray();
        int[] c = labels("random_self/clusters.csv").toArray();
        assertEquals(metrics.get("NMI").asDouble(), RetrievalEvaluator.nmi(y, c), 1e-12);
        assertEquals(metrics.get("AMI").asDouble(), RetrievalEvaluator.ami(y, c), 1e-12);
    }

    @Test
    void defaultMeasuresIncludeClusteringAndAreDeterministicPerSeed() throws IOException {
        Matrix x = matrix("random_self/embeddings.csv");
        Labels y = labels("random_self/labels.csv");
        Map<String, Double> a = RetrievalEvaluator.evaluateSelf(x, y, List.of(), 7);
        Map<String, Double> b = RetrievalEvaluator.evaluateSelf(x, y, null, 7);
        assertEquals(RetrievalEvaluator.defaultMeasures(), List.copyOf(a.keySet()));
        assertEquals(a, b);
        JsonNode expected = json("random_self/expected.json").get("metrics");
        assertEquals(expected.get("precision_at_1").asDouble(), a.get("precision_at_1"), 1e-12);
        // k-means differs from faiss, but on these separable-ish blobs NMI must be in a sane band
        double nmi = a.get("NMI");
        assertEquals(0.85, nmi, 0.15, "NMI " + nmi);
    }
}
