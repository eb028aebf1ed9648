package org.metriclab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;

/**
 * precision@k and MAP@k against pytorch-metric-learning 2.8.1 (pml, the unsuffixed names) and open-metric-learning
 * 4.0.0 (the _oml names) on a seeded 36-query, 48-reference set with a lone query class
 * (benchmarks/scripts/retrieval_conventions_reference.py). OML computes in float32, hence the tolerance.
 */
class ConventionGoldenTest {
    private static List<String[]> lines(String resource) throws IOException {
        try (InputStream in = ConventionGoldenTest.class.getResourceAsStream("/conventions/" + resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().skip(1).map(l -> l.split(",")).toList();
        }
    }

    @Test
    void pmlAndOmlGoldenNumbers() throws IOException {
        List<double[]> q = new ArrayList<>();
        List<double[]> r = new ArrayList<>();
        List<Integer> qy = new ArrayList<>();
        List<Integer> ry = new ArrayList<>();
        for (String[] f : lines("data.csv")) {
            boolean query = f[0].equals("query");
            (query ? q : r).add(new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])});
            (query ? qy : ry).add(Integer.parseInt(f[1]));
        }
        Map<String, Double> golden = new LinkedHashMap<>();
        for (String[] f : lines("golden.csv")) {
            golden.put(f[0], Double.parseDouble(f[1]));
        }
        Map<String, Double> got = RetrievalEvaluator.evaluate(Matrix.of(q.toArray(double[][]::new)),
                Labels.of(qy.stream().mapToInt(Integer::intValue).toArray()), Matrix.of(r.toArray(double[][]::new)),
                Labels.of(ry.stream().mapToInt(Integer::intValue).toArray()), List.copyOf(golden.keySet()), 0);
        assertEquals(16, golden.size());
        golden.forEach((name, value) -> assertEquals(value, got.get(name), 1e-6, name));
    }
}
