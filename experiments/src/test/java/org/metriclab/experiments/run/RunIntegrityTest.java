package org.metriclab.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.baseline.BaselineCatalog;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.config.ConfigBinder;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.Provenance;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.ResultsLock;
import org.metriclab.experiments.results.Tables;
import org.metriclab.experiments.results.TrialLog;

/** One writer per results directory, resume never mixing configs, and failures inside a trial staying inside it. */
class RunIntegrityTest {
    private static final Learners REGISTRY = Learners.of(List.of(new BaselineCatalog(), new FailingLearners()));
    private static final String CONFIG = """
            name: integrity
            datasets: [iris]
            protocol: {type: kfold, folds: 3}
            seeds: [0, 1]
            learners: [{type: euclidean}, {type: covariance, params: {rcond: 1.0e-10}}]
            measures: [precision_at_1, knn_accuracy_1]
            """;

    @TempDir
    Path tmp;

    private static Runner runner() {
        return new Runner(REGISTRY, RunListener.none(), Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    private static ExperimentConfig config(String yaml) {
        return new ConfigBinder(REGISTRY, Path.of(".")).bind(Trees.parseYaml(yaml, "test"));
    }

    private static Runner.Summary run(String yaml, Path dir, boolean resume) {
        return runner().run(config(yaml), yaml.getBytes(StandardCharsets.UTF_8), dir, resume, 2);
    }

    @Test
    void aSecondRunOnALockedDirectoryIsRefusedAndTheFirstCompletesEveryRow() throws Exception {
        String yaml = CONFIG.replace("{type: euclidean}", "{type: blocking_test}");
        Path dir = tmp.resolve("locked");
        FailingLearners.entered = new CountDownLatch(1);
        FailingLearners.release = new CountDownLatch(1);
        CompletableFuture<Runner.Summary> first = CompletableFuture.supplyAsync(() -> run(yaml, dir, false));
        assertTrue(FailingLearners.entered.await(60, TimeUnit.SECONDS), "the first run started a trial");
        ResultsLock.ResultsBusyException busy = assertThrows(ResultsLock.ResultsBusyException.class, () -> run(yaml, dir, true));
        assertEquals(Long.toString(ProcessHandle.current().pid()), busy.holderPid());
        assertTrue(busy.getMessage().contains("(PID " + ProcessHandle.current().pid() + ")") && busy.getMessage().contains("--out"),
                busy.getMessage());
        assertThrows(ResultsLock.ResultsBusyException.class, () -> run(yaml, dir, false), "a fresh run is refused as well");
        FailingLearners.release.countDown();
        Runner.Summary s = first.get(60, TimeUnit.SECONDS);
        assertEquals(0, s.failed());
        assertEquals(24, TrialLog.read(dir.resolve(TrialLog.ROWS)).size(), "12 trials x 2 measures");
        assertEquals(12, run(yaml, dir, true).skipped(), "the lock is released at the end of a run");
        assertEquals("", Files.readString(dir.resolve(ResultsLock.FILE)), "no holder is left in the lock file");
    }

    @Test
    void failuresInsideATrialAreRecordedAndTheOtherTrialsGoOn() {
        String yaml = CONFIG.replace("learners: [{type: euclidean}, {type: covariance, params: {rcond: 1.0e-10}}]",
                "learners: [{type: out_of_memory_test}, {type: cannot_fit_test}, {type: too_big_test}, {type: euclidean}]");
        Path dir = tmp.resolve("failing");
        Runner.Summary s = run(yaml, dir, false);
        assertEquals(24, s.trials());
        assertEquals(18, s.failed());
        List<ResultRow> rows = TrialLog.read(dir.resolve(TrialLog.ROWS));
        assertEquals(48, rows.size());
        for (ResultRow r : rows) {
            switch (r.learner()) {
                case "out_of_memory_test" -> assertTrue(r.warnings().startsWith("failed: ran out of memory (heap ") && Double.isNaN(r.value()),
                        r.warnings());
                case "cannot_fit_test" -> assertEquals("failed: cannot_fit_test: the within-class scatter is singular; use prior=identity",
                        r.warnings());
                case "too_big_test" -> assertTrue(r.warnings().contains("needs about 12 GB") && Double.isNaN(r.value()), r.warnings());
                default -> assertTrue(r.value() > 0.5 && r.warnings().isEmpty(), r.toString());
            }
        }
    }

    @Test
    void aFailingSinkEndsTheRunWithItsOwnException() {
        UncheckedIOException full = new UncheckedIOException("cannot write rows.csv: No space left on device",
                new java.io.IOException("No space left on device"));
        ExperimentConfig cfg = config(CONFIG);
        List<Trial> trials = runner().plan(cfg);
        try (TrialExecutor executor = TrialExecutor.threads(REGISTRY, 2)) {
            UncheckedIOException thrown = assertThrows(UncheckedIOException.class, () -> executor.execute(cfg, trials, (t, o) -> {
                throw full;
            }));
            assertSame(full, thrown, "not wrapped into an internal error");
        }
    }

    @Test
    void resumeComparesTheParsedConfigSoCommentsAndKeyOrderDoNotMatter() throws Exception {
        Path dir = tmp.resolve("canonical");
        run(CONFIG, dir, false);
        String reformatted = "# the same experiment, reformatted\n" + CONFIG.replace("seeds: [0, 1]", "seeds: [0, 1]   # two seeds")
                .replace("measures: [precision_at_1, knn_accuracy_1]", "measures:\n  - precision_at_1\n  - knn_accuracy_1");
        assertEquals(12, run(reformatted, dir, true).skipped());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> run(CONFIG.replace("seeds: [0, 1]", "seeds: [0, 2]"), dir, true));
        assertTrue(other.getMessage().contains("different config") && other.getMessage().contains(Provenance.CANONICAL_KEY), other.getMessage());
    }

    @Test
    void resumeWithoutMetadataRefusesOtherParametersUnderTheSameLabelAndRecreatesTheMetadata() throws Exception {
        Path dir = tmp.resolve("no-metadata");
        run(CONFIG, dir, false);
        Files.delete(dir.resolve(Provenance.FILE));
        Files.delete(dir.resolve(Tables.RESOLVED_CONFIG));
        byte[] before = Files.readAllBytes(dir.resolve(TrialLog.ROWS));
        String changed = CONFIG.replace("rcond: 1.0e-10", "rcond: 1.0e-6");
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> run(changed, dir, true));
        assertTrue(mixed.getMessage().contains("holds learner 'covariance'") && mixed.getMessage().contains("1.0E-10")
                && mixed.getMessage().contains("1.0E-6") && mixed.getMessage().contains("another --out"), mixed.getMessage());
        String dropped = CONFIG.replace("{type: euclidean}, ", "");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> run(dropped, dir, true));
        assertTrue(unknown.getMessage().contains("learner 'euclidean', which this config does not run"), unknown.getMessage());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(dir.resolve(TrialLog.ROWS)), "a refusal changes nothing");
        assertFalse(Files.exists(dir.resolve(Provenance.FILE)));

        assertEquals(12, run(CONFIG, dir, true).skipped());
        assertTrue(Files.isRegularFile(dir.resolve(Tables.RESOLVED_CONFIG)), "config.resolved.yaml is written again");
        assertTrue(Files.readString(dir.resolve(Provenance.FILE)).contains(Provenance.CANONICAL_KEY), "provenance.json is written again");
        assertThrows(IllegalArgumentException.class, () -> run(changed, dir, true), "and from now on the hash refuses as well");
    }

    @Test
    void resumeWithoutMetadataRefusesRowsOfAnotherTrainingSize() throws Exception {
        String sized = CONFIG.replace("protocol: {type: kfold, folds: 3}", "protocol: {type: holdout, test_fraction: 0.3, repeats: 1, train_sizes: [30, 60]}");
        Path dir = tmp.resolve("sizes");
        run(sized, dir, false);
        Files.delete(dir.resolve(Provenance.FILE));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> run(sized.replace("[30, 60]", "[30, 50]"), dir, true));
        assertTrue(other.getMessage().contains("trained on 60 rows, but this config trains it on 30 or 50"), other.getMessage());
        assertEquals(8, run(sized, dir, true).skipped(), "every sized trial is found again");
    }
}
