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
        assertEquals("tuning: tuning runs on the local engine only; run this config without --engine", e.getMessage());
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
    }
}
