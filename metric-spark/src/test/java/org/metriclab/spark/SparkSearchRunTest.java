package org.metriclab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.experiments.results.DegradationRow;

/**
 * A run with the HNSW index compared to exact search gives the same degradation report on {@code --engine spark} as on
 * the local engine (timings aside): the report's lines travel back from the tasks with the rows.
 */
class SparkSearchRunTest {
    private static final String CONFIG = """
            name: spark_search
            datasets: [iris, wine]
            protocol: {type: fixed_split}
            retrieval: test_self
            preprocessing: {standardize: true}
            seeds: [0]
            learners:
              - {type: euclidean}
              - {type: lfda}
            measures: [precision_at_1, mean_average_precision_at_r]
            search: {type: hnsw, m: 8, ef_construction: 50, ef_search: [2, 16], compare_exact: true, recall_k: 5}
            """;

    @TempDir
    Path tmp;

    @Test
    void theDegradationReportComesBackFromTheTasks() throws Exception {
        LocalAndSparkRuns.run(CONFIG, tmp);
        List<String> expected = comparable(tmp.resolve("local"));
        assertEquals(2 * 2 * 2 * 2, expected.size(), "datasets × learners × ef_search × measures");
        assertEquals(expected, comparable(tmp.resolve("spark")));
        assertFalse(expected.stream().anyMatch(l -> l.contains("NaN")), String.valueOf(expected));
    }

    /** degradation.csv in a stable order, without build times and query rates. */
    private static List<String> comparable(Path dir) {
        return DegradationRow.read(dir).stream()
                .sorted(Comparator.comparing((DegradationRow r) -> r.trial().toString()).thenComparingInt(DegradationRow::efSearch)
                        .thenComparing(DegradationRow::measure))
                .map(r -> r.trial() + " ef " + r.efSearch() + " " + r.measure() + " " + r.exact() + " " + r.approximate() + " recall " + r.recall())
                .toList();
    }
}
