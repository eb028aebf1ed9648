package org.metriclab.experiments.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.experiments.config.ConfigException;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.TrialLog;
import org.metriclab.experiments.results.TuningLog;
import org.metriclab.experiments.results.TuningRow;
import org.metriclab.experiments.run.RunListener;
import org.metriclab.experiments.run.Runner;
import org.metriclab.experiments.run.TrialExecutor;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.LearnerCatalog;
import org.metriclab.core.learn.LearnerEntry;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.config.ConfigBinder;

class TunedRunTest {
    @TempDir
    Path tmp;

    private static Runner runner() {
        return new Runner(TuningStageTest.REGISTRY, RunListener.none(), Clock.systemUTC());
    }

    private static Runner.Summary run(String yaml, Path dir, boolean resume) {
        ExperimentConfig cfg = TuningStageTest.config(yaml);
        return runner().run(cfg, yaml.getBytes(StandardCharsets.UTF_8), dir, resume, 1);
    }

    @Test
    void rowsCarryTheChosenParametersOfTheBestValidationCandidate() {
        Path dir = tmp.resolve("run");
        Runner.Summary s = run(TuningStageTest.CONFIG, dir, false);
        assertEquals(0, s.failed(), s.failures().toString());
        List<TuningRow> tuning = TuningLog.read(dir.resolve(TuningLog.FILE));
        for (ResultRow r : s.rows()) {
            if (!r.label().equals("lfda")) {
                continue;
            }
            List<TuningRow> mine = tuning.stream().filter(t -> t.trial().equals(r.key())).toList();
            assertEquals(6 * 3, mine.size());
            double best = Double.NEGATIVE_INFINITY;
            String bestParams = null;
            for (int c = 0; c < 6; c++) {
                int cand = c;
                List<TuningRow> folds = mine.stream().filter(t -> t.candidate() == cand).toList();
                double mean = folds.stream().mapToDouble(TuningRow::score).average().orElseThrow();
                if (mean > best) {
                    best = mean;
                    bestParams = folds.get(0).params();
                }
            }
            assertEquals(bestParams, r.params(), "rows.csv holds the parameters of the best mean validation score");
            assertTrue(r.params().contains("\"k\""), r.params());
        }
    }

    @Test
    void aKilledTunedRunResumes() throws Exception {
        Path dir = tmp.resolve("resume");
        Runner.Summary first = run(TuningStageTest.CONFIG, dir, false);
        Path rows = dir.resolve(TrialLog.ROWS);
        List<String> lines = Files.readAllLines(rows, StandardCharsets.UTF_8);
        Files.writeString(rows, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n", StandardCharsets.UTF_8);
        Runner.Summary resumed = run(TuningStageTest.CONFIG, dir, true);
        assertEquals(first.trials() - 1, resumed.skipped());
        assertEquals(first.rows().stream().map(r -> r.key() + r.params() + r.value()).sorted().toList(),
                resumed.rows().stream().map(r -> r.key() + r.params() + r.value()).sorted().toList());
        assertEquals(2 * 6 * 3, TuningLog.read(dir.resolve(TuningLog.FILE)).size(), "no candidate was fitted again");
    }

    @Test
    void foldsTheDataCannotGiveFailBeforeAnythingRuns() {
        Path dir = tmp.resolve("folds");
        String tooMany = TuningStageTest.CONFIG.replace("folds: 3}", "folds: 40}");
        ConfigException e = assertThrows(ConfigException.class, () -> run(tooMany, dir, false));
        assertTrue(e.getMessage().startsWith("tuning.validation: dataset 'iris' (seed 0, split 0): 40 validation folds, but class"), e.getMessage());
        assertTrue(e.getMessage().contains("use at most"), e.getMessage());
        String disjoint = TuningStageTest.CONFIG.replace("folds: 3}", "folds: 2, class_disjoint: true}");
        ConfigException d = assertThrows(ConfigException.class, () -> run(disjoint, dir, false));
        assertTrue(d.getMessage().contains("needs at least 4 classes in each training part (2 per fold), found 3"), d.getMessage());
        assertFalse(Files.exists(dir.resolve(TrialLog.ROWS)), "nothing ran");
    }

    @Test
    void otherEnginesAreRefusedInsteadOfRunningUntunedParameters() {
        ExperimentConfig cfg = TuningStageTest.config(TuningStageTest.CONFIG);
        TrialExecutor remote = new TrialExecutor() {
            @Override
            public int parallelism() {
                return 1;
            }

            @Override
            public void execute(ExperimentConfig c, List<org.metriclab.experiments.run.Trial> pending, Sink sink) {
                throw new AssertionError("must not run");
            }
        };
        ConfigException e = assertThrows(ConfigException.class, () -> runner().run(cfg, new byte[0], Path.of("."), tmp.resolve("x"), false, remote));
        assertEquals("tuning: this engine cannot run hyperparameter searches; run this config without --engine or with --engine spark",
                e.getMessage());
    }

    @Test
    void theResolvedConfigRecordsTheBlock() {
        Map<String, Object> tree = TuningStageTest.config(TuningStageTest.CONFIG).toTree();
        assertTrue(Trees.toYaml(tree).contains("spaces:"), Trees.toYaml(tree));
    }

    /** A learner that refuses x strictly between 1 and 100 when it is created, and cannot fit any data. */
    private static final class PickyCatalog implements LearnerCatalog {
        @Override
        public String family() {
            return "test";
        }

        @Override
        public List<LearnerEntry> learners() {
            return List.of(new LearnerEntry("picky_test", "test: refuses interior x, never fits", p -> {
                int x = p.getInt("x", 1);
                if (x > 1 && x < 100) {
                    throw new IllegalArgumentException("x must be 1 or 100, found " + x);
                }
                return (train, ctx) -> {
                    throw new FitException("picky_test", "it never fits", "none");
                };
            }));
        }
    }

    @Test
    void aSearchWhoseCandidatesAllFailRecordsFailedTrialsInsteadOfStoppingTheRun() {
        Learners registry = Learners.of(List.of(new PickyCatalog()));
        String yaml = """
                name: picky
                datasets: [iris]
                tuning: {budget: {trials: 3}, search: random, validation: {folds: 2}, select_by: precision_at_1, seed: 1}
                learners: [{type: picky_test, space: {x: {int: [1, 100]}}}]
                measures: [precision_at_1]
                """;
        ExperimentConfig cfg = new ConfigBinder(registry, Path.of(".")).bind(Trees.parseYaml(yaml, "test"));
        Runner.Summary s = new Runner(registry, RunListener.none(), Clock.systemUTC()).run(cfg, yaml.getBytes(StandardCharsets.UTF_8),
                tmp.resolve("picky"), false, 1);
        assertEquals(1, s.failed(), s.failures().toString());
        List<TuningRow> rows = TuningLog.read(tmp.resolve("picky").resolve(TuningLog.FILE));
        assertTrue(rows.stream().allMatch(r -> Double.isNaN(r.score())));
        String first = rows.get(0).params();
        assertFalse(first.equals("{\"x\":1}") || first.equals("{\"x\":100}"), "the chosen first candidate is one the learner refuses: " + rows.stream().map(TuningRow::params).toList());
        assertTrue(s.failures().get(0).contains("x must be 1 or 100"), s.failures().toString());
        for (TuningRow r : rows) {
            String expected = r.params().equals("{\"x\":1}") || r.params().equals("{\"x\":100}") ? "FitException: it never fits"
                    : "IllegalArgumentException: x must be";
            assertTrue(r.reason().startsWith(expected), r.params() + " -> " + r.reason());
        }
    }

    @Test
    void theRunListenerSeesEveryFoldOfEverySearch() {
        List<TuningProgress> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        RunListener listener = new RunListener() {
            @Override
            public void started(int total, int alreadyDone) {
                assertEquals(2 * 6 * 3, seen.size(), "the searches report before the trials start");
            }

            @Override
            public void trialFinished(org.metriclab.experiments.results.TrialKey trial, double seconds, java.util.Optional<String> failure) {
            }

            @Override
            public void tuning(TuningProgress progress) {
                seen.add(progress);
            }
        };
        ExperimentConfig cfg = TuningStageTest.config(TuningStageTest.CONFIG);
        Path dir = tmp.resolve("progress");
        new Runner(TuningStageTest.REGISTRY, listener, Clock.systemUTC()).run(cfg, TuningStageTest.CONFIG.getBytes(StandardCharsets.UTF_8), dir,
                false, 1);
        // 2 splits x 6 candidates x 3 folds, each fold reported once with its candidate's position
        TuningProgress last = seen.get(2 * 6 * 3 - 1);
        assertEquals(List.of(6, 6, 3, 3), List.of(last.candidate(), last.candidates().getAsInt(), last.fold(), last.folds()));
        assertEquals(List.of(1, 1), List.of(seen.get(0).candidate(), seen.get(0).fold()));
        List<TuningRow> rows = TuningLog.read(dir.resolve(TuningLog.FILE));
        double best = rows.stream().filter(r -> r.trial().equals(last.trial())).collect(java.util.stream.Collectors.groupingBy(TuningRow::candidate,
                java.util.stream.Collectors.averagingDouble(TuningRow::score))).values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(best, last.best(), 1e-12);
        assertTrue(last.describe().matches("iris/lfda seed 0 split 1: candidate 6/6, fold 3/3, best 0\\.\\d{4} \\(#\\d\\), \\d+\\.\\d s"),
                last.describe());
    }

    @Test
    void aRunWithTuningCsvOfTheOlderLayoutResumesWithoutRefitting() throws Exception {
        Path dir = tmp.resolve("old");
        run(TuningStageTest.CONFIG, dir, false);
        Path file = dir.resolve(TuningLog.FILE);
        List<String> fresh = TuningLog.read(file).stream().map(r -> r.trial() + " " + r.candidate() + " " + r.fold() + " " + r.score()).toList();
        // the layout before rungs and reasons: the last two columns absent; then drop rows.csv so every trial runs again
        List<String> old = Files.readAllLines(file).stream().map(l -> l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1))).toList();
        assertTrue(old.get(0).endsWith(",pruned_at_rung"), old.get(0));
        Files.write(file, old);
        Files.writeString(dir.resolve(TrialLog.ROWS), Files.readAllLines(dir.resolve(TrialLog.ROWS)).get(0) + "\n");
        assertEquals(fresh, TuningLog.read(file).stream().map(r -> r.trial() + " " + r.candidate() + " " + r.fold() + " " + r.score()).toList());
        Runner.Summary s = run(TuningStageTest.CONFIG, dir, true);
        assertEquals(0, s.failed());
        assertEquals(String.join(",", TuningRow.COLUMNS), Files.readAllLines(file).get(0), "rewritten with the current columns");
        assertEquals(fresh, TuningLog.read(file).stream().map(r -> r.trial() + " " + r.candidate() + " " + r.fold() + " " + r.score()).toList(),
                "no candidate was fitted again");
        Files.writeString(file, "dataset,label,candidate\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(TuningStageTest.CONFIG, dir, true));
        assertTrue(e.getMessage().contains("expected the header"), e.getMessage());
    }
}
