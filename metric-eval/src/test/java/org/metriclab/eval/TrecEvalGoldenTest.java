package org.metriclab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;

/**
 * The trec convention against NIST trec_eval 10.0 itself (P_k, map_cut_k, recip_rank over every query–reference pair
 * judged; benchmarks/scripts/trec_eval_reference.py). Two sets: the random query/reference reference (15 lone queries, no
 * tied distances) and a seeded set of integer points with 1,048 tied neighbouring distances and a lone class, whose
 * reference names make trec_eval break score ties as MetricLab does (ascending reference index). trec_eval sums in
 * float64 like MetricLab but in its own order, hence 1e-12.
 */
class TrecEvalGoldenTest {
    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = TrecEvalGoldenTest.class.getResourceAsStream(resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static Matrix matrix(String resource) throws IOException {
        return Matrix.of(lines(resource).stream().map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new));
    }

    private static Labels labels(String resource) throws IOException {
        return Labels.of(lines(resource).stream().mapToInt(Integer::parseInt).toArray());
    }

    @ParameterizedTest
    @CsvSource({"random_query_reference, 120", "trec_ties, 30"})
    void trecConventionEqualsTrecEval(String set, int queries) throws IOException {
        String dir = "/retrieval/" + set + "/";
        Map<String, Double> golden = new LinkedHashMap<>();
        List<String> goldenLines = lines(dir + "trec_eval_golden.csv");
        for (String line : goldenLines.subList(1, goldenLines.size())) {
            String[] f = line.split(",");
            golden.put(f[0], Double.parseDouble(f[1]));
        }
        assertEquals(queries, golden.remove("queries"), 0.0, "trec_eval averaged over every query, the lone ones included");
        golden.remove("tied_adjacent_distances");
        assertEquals(9, golden.size());
        Labels ql = labels(dir + "query_labels.csv");
        assertEquals(queries, ql.size());
        Map<String, Double> got = RetrievalEvaluator.evaluate(matrix(dir + "query_embeddings.csv"), ql, matrix(dir + "reference_embeddings.csv"),
                labels(dir + "reference_labels.csv"), List.copyOf(golden.keySet()), 0);
        golden.forEach((name, value) -> assertEquals(value, got.get(name), 1e-12, set + " " + name));
    }
}
