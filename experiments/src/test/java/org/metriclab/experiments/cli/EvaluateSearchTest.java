package org.metriclab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metriclab.experiments.jackson.Trees;

/** {@code metriclab evaluate --search hnsw}: the index in place of exact search, and its degradation report. */
class EvaluateSearchTest {
    private static final String MEASURES = "precision_at_1,r_precision,mean_average_precision_at_r";

    private static Cli evaluate(String... extra) {
        Path dir = EvaluateCommandTest.fixture("random_self");
        List<String> args = new java.util.ArrayList<>(List.of("evaluate", "--embeddings", dir.resolve("embeddings.csv").toString(),
                "--labels", dir.resolve("labels.csv").toString(), "--measures", MEASURES));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aBeamOverEveryRowGivesTheExactValuesAndFullRecall() {
        Cli exact = evaluate();
        Cli approx = evaluate("--search", "hnsw", "--ef-search", "2,1000", "--compare-exact", "--recall-k", "5");
        assertEquals(0, approx.code(), approx.err());
        Map<?, ?> e = (Map<?, ?>) Trees.parseYaml(exact.out(), "exact");
        Map<?, ?> a = (Map<?, ?>) Trees.parseYaml(approx.out(), "approx");
        Map<?, ?> report = (Map<?, ?>) a.get("degradation");
        List<?> points = (List<?>) report.get("points");
        assertEquals(2, points.size());
        Map<?, ?> wide = (Map<?, ?>) points.get(1);
        assertEquals(1.0, ((Number) wide.get("recall")).doubleValue());
        for (String m : MEASURES.split(",")) {
            assertEquals(((Number) e.get(m)).doubleValue(), ((Number) a.get(m)).doubleValue(), 0.0, m);
            assertEquals(((Number) e.get(m)).doubleValue(), ((Number) ((Map<?, ?>) wide.get("approximate")).get(m)).doubleValue(), 1e-12, m);
        }
        assertEquals(5, ((Number) report.get("recall_k")).intValue());
    }

    /** Rates the pairs cannot estimate say so with the index as they do with exact search. */
    @Test
    void notEstimableRatesAreNamedWithTheIndexToo() {
        Path dir = EvaluateCommandTest.fixture("random_self");
        List<String> base = List.of("evaluate", "--embeddings", dir.resolve("embeddings.csv").toString(), "--labels",
                dir.resolve("labels.csv").toString(), "--measures", "precision_at_1,tar_at_far_0_000000001");
        Cli exact = Cli.run(base.toArray(String[]::new));
        List<String> indexed = new java.util.ArrayList<>(base);
        indexed.addAll(List.of("--search", "hnsw"));
        Cli approx = Cli.run(indexed.toArray(String[]::new));
        assertEquals(0, approx.code(), approx.err());
        Map<?, ?> e = (Map<?, ?>) Trees.parseYaml(exact.out(), "exact");
        Map<?, ?> a = (Map<?, ?>) Trees.parseYaml(approx.out(), "approx");
        assertEquals(null, a.get("tar_at_far_0_000000001"));
        assertTrue(String.valueOf(a.get("tar_at_far_0_000000001_not_estimable")).startsWith("needs at least 1000000000 different-label pairs"),
                a.toString());
        assertEquals(e.get("tar_at_far_0_000000001_not_estimable"), a.get("tar_at_far_0_000000001_not_estimable"));
    }

    @Test
    void badSettingsAndWholeRankingMeasuresGiveOneLine() {
        Cli sweep = evaluate("--search", "hnsw", "--ef-search", "8,16");
        assertEquals(1, sweep.code());
        assertTrue(sweep.err().contains("--compare-exact") && sweep.err().strip().lines().count() == 1, sweep.err());
        Cli map = Cli.run("evaluate", "--embeddings", EvaluateCommandTest.fixture("random_self").resolve("embeddings.csv").toString(), "--labels",
                EvaluateCommandTest.fixture("random_self").resolve("labels.csv").toString(), "--measures", "mean_average_precision", "--search", "hnsw");
        assertEquals(1, map.code());
        assertTrue(map.err().contains("reads the whole ranking") && map.err().strip().lines().count() == 1, map.err());
        Cli m = evaluate("--search", "hnsw", "--m", "1");
        assertEquals(1, m.code());
        assertTrue(m.err().contains("m = 1"), m.err());
    }
}
