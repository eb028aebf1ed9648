package org.metriclab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.cli.Main;
import org.metriclab.experiments.config.ConfigBinder;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.TrialLog;
import org.metriclab.experiments.run.RunListener;
import org.metriclab.experiments.run.Runner;

/**
 * A small grid run through {@code metriclab run --engine spark --master local[2]} gives the local runner's rows
 * (fit times aside), and a Spark run resumes an interrupted run exactly like the local runner.
 */
class SparkGridTest {
    /** 2 datasets × 2 learners × 2 seeds × 2 holdout repeats = 16 trials; seeds drive the splits and k-means (NMI). */
    private static final String CONFIG = """
            name: spark_grid
            datasets: [iris, wine]
            protocol: {type: holdout, test_fraction: 0.3, repeats: 2}
            retrieval: train_reference
            preprocessing: {standardize: true}
            seeds: [0, 7]
            learners: [{type: euclidean}, {type: covariance, label: mahalanobis}]
            measures: [precision_at_1, r_precision, mean_average_precision_at_r, knn_accuracy_5, NMI]
            """;

    @TempDir
    Path tmp;

    @Test
    void sparkRowsEqualLocalRowsAndResumeFillsTheGaps() throws Exception {
        Path cfg = tmp.resolve("grid.yaml");
        Files.writeString(cfg, CONFIG);
        List<ResultRow> local = localRun(cfg, tmp.resolve("local"));
        assertEquals(16 * 5, local.size());

        Path sparkDir = tmp.resolve("spark");
        Result spark = cli("run", cfg.toString(), "--engine", "spark", "--master", "local[2]", "--out", sparkDir.toString());
        assertEquals(0, spark.code, spark.err);
        assertTrue(spark.out.contains("16 trials (0 resumed)"), spark.out);
        List<ResultRow> sparkRows = TrialLog.read(sparkDir.resolve(TrialLog.ROWS));
        assertEquals(withoutFitTime(local), withoutFitTime(sparkRows));
        assertTrue(Files.isRegularFile(sparkDir.resolve("tables/precision_at_1.md")));
        assertEquals(Files.readString(tmp.resolve("local/tables/NMI.csv")), Files.readString(sparkDir.resolve("tables/NMI.csv")));

        // interrupt: keep the header and the first 3 trials (15 rows) plus a partial row, then resume on Spark
        Path rows = sparkDir.resolve(TrialLog.ROWS);
        List<String> lines = Files.readAllLines(rows);
        Files.writeString(rows, String.join("\n", lines.subList(0, 1 + 15)) + "\n" + lines.get(16).substring(0, 10));
        Result resumed = cli("run", cfg.toString(), "--engine", "spark", "--master", "local[2]", "--out", sparkDir.toString(), "--resume");
        assertEquals(0, resumed.code, resumed.err);
        assertTrue(resumed.out.contains("16 trials (3 resumed)"), resumed.out);
        assertEquals(withoutFitTime(local), withoutFitTime(TrialLog.read(rows)));
    }

    @Test
    void trainSizeSweepRunsOnSparkWithTheLocalRows() throws Exception {
        Path cfg = tmp.resolve("sizes.yaml");
        Files.writeString(cfg, """
                name: spark_sizes
                datasets: [iris]
                protocol: {type: holdout, test_fraction: 0.3, repeats: 1, train_sizes: [30, 60]}
                seeds: [0]
                learners: [{type: euclidean}, {type: covariance}]
                measures: [precision_at_1]
                """);
        List<ResultRow> local = localRun(cfg, tmp.resolve("local"));
        assertEquals(4, local.size());
        Result spark = cli("run", cfg.toString(), "--engine", "spark", "--master", "local[2]", "--out", tmp.resolve("spark").toString());
        assertEquals(0, spark.code, spark.err);
        List<ResultRow> sparkRows = TrialLog.read(tmp.resolve("spark").resolve(TrialLog.ROWS));
        assertEquals(withoutFitTime(local), withoutFitTime(sparkRows));
        assertEquals(java.util.Set.of(30, 60), sparkRows.stream().map(ResultRow::nTrain).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void badEngineAndMasterUseAreOneLineErrors() throws Exception {
        Path cfg = tmp.resolve("grid.yaml");
        Files.writeString(cfg, CONFIG);
        Result unknown = cli("run", cfg.toString(), "--engine", "flink", "--out", tmp.resolve("x").toString());
        assertEquals(Main.BAD_INPUT, unknown.code);
        assertTrue(unknown.err.contains("--engine flink: no such engine"), unknown.err);
        Result master = cli("run", cfg.toString(), "--master", "local[2]", "--out", tmp.resolve("y").toString());
        assertEquals(Main.BAD_INPUT, master.code);
        assertTrue(master.err.contains("--master needs --engine spark"), master.err);
        assertFalse(Files.exists(tmp.resolve("x")) || Files.exists(tmp.resolve("y")));
    }

    private static List<ResultRow> localRun(Path cfg, Path out) throws Exception {
        Learners registry = Learners.load();
        ExperimentConfig bound = new ConfigBinder(registry, cfg.getParent()).bind(Trees.readYaml(cfg));
        Runner.Summary s = new Runner(registry, RunListener.none(), Clock.systemUTC())
                .run(bound, Files.readAllBytes(cfg), cfg.getParent(), out, false, 2);
        assertEquals(0, s.failed(), String.valueOf(s.failures()));
        return s.rows();
    }

    /** Rows in key order with fit_seconds zeroed: everything else must be identical, warnings included. */
    private static List<ResultRow> withoutFitTime(List<ResultRow> rows) {
        return rows.stream()
                .map(r -> new ResultRow(r.dataset(), r.learner(), r.label(), r.params(), r.seed(), r.split(), r.nTrain(), r.measure(), r.value(), 0.0,
                        r.warnings()))
                .sorted(Comparator.comparing(ResultRow::dataset).thenComparing(ResultRow::label).thenComparingLong(ResultRow::seed)
                        .thenComparingInt(ResultRow::split).thenComparingInt(ResultRow::nTrain).thenComparing(ResultRow::measure))
                .toList();
    }

    private record Result(int code, String out, String err) {
    }

    private static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
