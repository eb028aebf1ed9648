package org.metriclab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.Tables;
import org.metriclab.experiments.results.TrialLog;

/**
 * Error rates and thresholds as run measures on {@code --engine spark}: the rows (values and not-estimable warnings) and
 * the tables, read in each measure's direction, equal the local engine's.
 */
class SparkVerificationRunTest {
    private static final String CONFIG = """
            name: spark_verification
            datasets: [iris, wine]
            protocol: {type: fixed_split}
            retrieval: test_self
            preprocessing: {standardize: true}
            seeds: [0, 1]
            learners:
              - {type: euclidean}
              - {type: lfda}
            measures: [eer, fnmr_at_fmr_0_01, tar_at_far_0_1_threshold, tar_at_far_0_001, precision_at_1]
            """;

    @TempDir
    Path tmp;

    @Test
    void rowsAndDirectionalTablesEqualTheLocalEngines() throws Exception {
        LocalAndSparkRuns.run(CONFIG, tmp);
        List<String> expected = comparable(tmp.resolve("local"));
        assertEquals(2 * 2 * 2 * 5, expected.size(), "datasets × learners × seeds × measures");
        assertEquals(expected, comparable(tmp.resolve("spark")));
        assertTrue(expected.stream().anyMatch(l -> l.contains("tar_at_far_0_001 NaN") && l.contains("tar_at_far_0_001_not_estimable: needs at least 1000")),
                String.valueOf(expected));
        for (String m : List.of("eer", "fnmr_at_fmr_0_01", "tar_at_far_0_1_threshold")) {
            String table = Files.readString(tmp.resolve("local").resolve(Tables.DIR).resolve(m + ".csv"));
            assertEquals(table, Files.readString(tmp.resolve("spark").resolve(Tables.DIR).resolve(m + ".csv")), m);
        }
        assertTrue(Files.readString(tmp.resolve("spark").resolve(Tables.DIR).resolve("eer.md")).contains("lowest mean"));
        assertTrue(Files.readString(tmp.resolve("spark").resolve(Tables.DIR).resolve("tar_at_far_0_1_threshold.md")).contains("not ranked"));
    }

    /** rows.csv in a stable order, without fit times. */
    private static List<String> comparable(Path dir) {
        return TrialLog.read(dir.resolve(TrialLog.ROWS)).stream()
                .sorted(Comparator.comparing((ResultRow r) -> r.key().toString()).thenComparing(ResultRow::measure))
                .map(r -> r.key() + " " + r.measure() + " " + r.value() + " " + r.warnings())
                .toList();
    }
}
