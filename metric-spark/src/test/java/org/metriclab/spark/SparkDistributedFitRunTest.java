package org.metriclab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.experiments.cli.Main;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.TrialLog;

/**
 * {@code run --engine spark} with a learner that asks for {@code engine: spark} fits that learner across the
 * executors (its trials run on the driver, whose fit submits the gradient jobs) while the other trials run as
 * tasks. Its measures equal those of the same learner fitted locally (same seed, same batches) within 1e-6: the
 * fits differ only in the order the per-query gradient terms are summed.
 */
class SparkDistributedFitRunTest {
    private static final String CONFIG = """
            name: distributed_fit
            datasets: [iris]
            protocol: {type: holdout, test_fraction: 0.3, repeats: 2}
            retrieval: train_reference
            preprocessing: {standardize: true}
            seeds: [0]
            learners:
              - {type: euclidean}
              - {type: nca, label: nca-local, params: {solver: minibatch, max_iter: 3, batch_size: 32, reference_size: 64, learning_rate: 0.01}}
              - {type: nca, label: nca-cluster, params: {solver: minibatch, max_iter: 3, batch_size: 32, reference_size: 64, learning_rate: 0.01,
                 engine: spark, partitions: 2}}
            measures: [precision_at_1, mean_average_precision_at_r]
            """;

    @TempDir
    Path tmp;

    @Test
    void aLearnerWithEngineSparkFitsOnTheClusterAndMatchesTheLocalFit() throws Exception {
        Path cfg = tmp.resolve("fit.yaml");
        Files.writeString(cfg, CONFIG);
        Path out = tmp.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", cfg.toString(), "--engine", "spark", "--master", "local[2]", "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<ResultRow> rows = TrialLog.read(out.resolve(TrialLog.ROWS));
        assertTrue(rows.stream().allMatch(r -> !r.warnings().contains("failed") && Double.isFinite(r.value())), String.valueOf(rows));
        Map<String, Double> local = values(rows, "nca-local");
        Map<String, Double> cluster = values(rows, "nca-cluster");
        assertEquals(4, local.size());
        assertEquals(local.keySet(), cluster.keySet());
        for (String k : local.keySet()) {
            assertEquals(local.get(k), cluster.get(k), 1e-6, k);
        }
        assertFalse(values(rows, "euclidean").isEmpty());
    }

    private static Map<String, Double> values(List<ResultRow> rows, String label) {
        return rows.stream().filter(r -> r.label().equals(label))
                .collect(Collectors.toMap(r -> r.seed() + "/" + r.split() + "/" + r.measure(), ResultRow::value));
    }
}
