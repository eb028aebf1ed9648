package org.metriclab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.metriclab.experiments.results.TuningLog;
import org.metriclab.experiments.results.TuningRow;
import org.metriclab.experiments.run.RunListener;
import org.metriclab.experiments.run.Runner;

/**
 * A tuned config run with {@code --engine spark --master local[2]} searches inside each trial's task and gives
 * the local runner's tuning.csv and rows.csv (fit times aside): the same candidates, scores, early stops and
 * chosen parameters. A resumed Spark run hands each task the evaluations it already has.
 */
class SparkTuningTest {
    /** NCA with successive halving over max_iter (rungs 3 and 9), so the early-stop marks travel back from the tasks too. */
    private static final String CONFIG = """
            name: spark_tuning
            datasets: [iris]
            protocol: {type: holdout, test_fraction: 0.3, repeats: 2}
            retrieval: train_reference
            preprocessing: {standardize: true}
            seeds: [0]
            tuning:
              budget: {trials: 6}
              search: tpe
              validation: {folds: 2}
              select_by: precision_at_1
              scheduler: {type: successive_halving, eta: 3}
            learners:
              - {type: euclidean}
              - {type: nca, params: {max_iter: 9}, space: {regularization: {log_uniform: [1.0e-6, 1.0e-1]}, dims: {int: [1, 4]}}}
            measures: [precision_at_1, mean_average_precision_at_r]
            """;

    @TempDir
    Path tmp;

    @Test
    void sparkTunesInsideTheTasksAndChoosesWhatTheLocalRunnerChooses() throws Exception {
        Path cfg = tmp.resolve("tuned.yaml");
        Files.writeString(cfg, CONFIG);
        Learners registry = Learners.load();
        ExperimentConfig bound = new ConfigBinder(registry, cfg.getParent()).bind(Trees.readYaml(cfg));
        Runner.Summary local = new Runner(registry, RunListener.none(), Clock.systemUTC()).run(bound, Files.readAllBytes(cfg), cfg.getParent(),
                tmp.resolve("local"), false, 2);
        assertEquals(0, local.failed(), String.valueOf(local.failures()));

        Path sparkDir = tmp.resolve("spark");
        Result spark = cli("run", cfg.toString(), "--engine", "spark", "--master", "local[2]", "--out", sparkDir.toString());
        assertEquals(0, spark.code, spark.err);
        assertEquals(withoutFitTime(local.rows()), withoutFitTime(TrialLog.read(sparkDir.resolve(TrialLog.ROWS))));
        List<String> localTuning = comparable(tmp.resolve("local"));
        assertEquals(localTuning, comparable(sparkDir));
        assertTrue(localTuning.stream().anyMatch(l -> l.contains("pruned 0")), "some candidates stopped at rung 0: " + localTuning);
        assertTrue(local.rows().stream().filter(r -> r.label().equals("nca")).allMatch(r -> r.params().contains("\"max_iter\":9")));

        // kill after the first search: keep its rows in tuning.csv, drop every trial from rows.csv, resume on Spark
        Path tuning = sparkDir.resolve(TuningLog.FILE);
        List<String> lines = Files.readAllLines(tuning);
        String firstTrial = lines.get(1).substring(0, lines.get(1).indexOf(",0,"));
        Files.write(tuning, lines.stream().filter(l -> l.startsWith("dataset,") || l.startsWith(firstTrial)).toList());
        Files.writeString(sparkDir.resolve(TrialLog.ROWS), Files.readAllLines(sparkDir.resolve(TrialLog.ROWS)).get(0) + "\n");
        Result resumed = cli("run", cfg.toString(), "--engine", "spark", "--master", "local[2]", "--out", sparkDir.toString(), "--resume");
        assertEquals(0, resumed.code, resumed.err);
        assertEquals(localTuning, comparable(sparkDir));
        assertEquals(withoutFitTime(local.rows()), withoutFitTime(TrialLog.read(sparkDir.resolve(TrialLog.ROWS))));
    }

    /** tuning.csv in a stable order without fit times. */
    private static List<String> comparable(Path dir) {
        return TuningLog.read(dir.resolve(TuningLog.FILE)).stream()
                .sorted(Comparator.comparing((TuningRow r) -> r.trial().toString()).thenComparingInt(TuningRow::candidate)
                        .thenComparingInt(TuningRow::rung).thenComparingInt(TuningRow::fold))
                .map(r -> r.trial() + " #" + r.candidate() + " rung " + r.rung() + " fold " + r.fold() + " " + r.params() + " " + r.score()
                        + " pruned " + (r.prunedAtRung().isPresent() ? r.prunedAtRung().getAsInt() : "-") + " " + r.reason())
                .toList();
    }

    private static List<ResultRow> withoutFitTime(List<ResultRow> rows) {
        return rows.stream()
                .map(r -> new ResultRow(r.dataset(), r.learner(), r.label(), r.params(), r.seed(), r.split(), r.nTrain(), r.measure(), r.value(), 0.0,
                        r.warnings()))
                .sorted(Comparator.comparing(ResultRow::dataset).thenComparing(ResultRow::label).thenComparingLong(ResultRow::seed)
                        .thenComparingInt(ResultRow::split).thenComparing(ResultRow::measure))
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
