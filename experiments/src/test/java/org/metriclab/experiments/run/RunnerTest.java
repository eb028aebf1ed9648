package org.metriclab.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.baseline.BaselineCatalog;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.TwoClassCatalog;
import org.metriclab.experiments.config.ConfigBinder;
import org.metriclab.experiments.config.ConfigException;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.CurvePoint;
import org.metriclab.experiments.results.Curves;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.TrialKey;
import org.metriclab.experiments.results.TrialLog;

class RunnerTest {
    private static final Learners REGISTRY = Learners.of(List.of(new BaselineCatalog(), new TwoClassCatalog()));
    private static final String CONFIG = """
            name: resume
            datasets: [iris]
            protocol: {type: kfold, folds: 3}
            seeds: [0, 1]
            learners: [{type: euclidean}, {type: covariance}]
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

    private static List<String> dataLines(Path rows) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(rows, StandardCharsets.UTF_8));
        lines.remove(0);
        return lines;
    }

    /** The rows without fit time, which differs between runs. */
    private static List<String> comparable(Path rows) {
        return TrialLog.read(rows).stream().map(r -> r.key() + " " + r.measure() + " " + r.value() + " " + r.params()).sorted().toList();
    }

    @Test
    void killedRunResumesWithoutLosingOrDuplicatingRows() throws Exception {
        Path dir = tmp.resolve("run");
        byte[] bytes = CONFIG.getBytes(StandardCharsets.UTF_8);
        Runner.Summary first = runner().run(config(CONFIG), bytes, dir, false, 2);
        assertEquals(12, first.trials());
        Path rows = dir.resolve(TrialLog.ROWS);
        List<String> full = comparable(rows);
        assertEquals(24, full.size());
        assertEquals(24, new HashSet<>(full).size());
        List<ResultRow> parsed = TrialLog.read(rows);
        assertTrue(parsed.stream().filter(r -> r.learner().equals("covariance")).allMatch(r -> r.params().equals("{\"rcond\":1.0E-10}")),
                "params column: canonical JSON of the resolved parameters");
        assertTrue(parsed.stream().allMatch(r -> r.fitSeconds() >= 0 && r.warnings().isEmpty()));
        for (String f : List.of("config.resolved.yaml", "provenance.json", "curves.csv", "tables/precision_at_1.md",
                "tables/knn_accuracy_1.tex", "tables/knn_accuracy_1.csv")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }

        // simulate a kill: 7 complete trials, one row of the 8th, then half a line
        List<String> lines = dataLines(rows);
        String header = String.join(",", ResultRow.COLUMNS);
        String partial = lines.get(15).substring(0, lines.get(15).length() / 2);
        Files.writeString(rows, header + "\n" + String.join("\n", lines.subList(0, 15)) + "\n" + partial, StandardCharsets.UTF_8);

        Runner.Summary resumed = runner().run(config(CONFIG), bytes, dir, true, 2);
        assertEquals(7, resumed.skipped());
        assertEquals(full, comparable(rows));
        assertEquals(24, dataLines(rows).size());

        Runner.Summary again = runner().run(config(CONFIG), bytes, dir, true, 1);
        assertEquals(12, again.skipped());
        assertEquals(full, comparable(rows));

        IllegalArgumentException fresh = assertThrows(IllegalArgumentException.class,
                () -> runner().run(config(CONFIG), bytes, dir, false, 1));
        assertTrue(fresh.getMessage().contains("--resume"), fresh.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> runner().run(config(CONFIG.replace("seeds: [0, 1]", "seeds: [0, 2]")), bytes, dir, true, 1));
        assertTrue(other.getMessage().contains("different config"), other.getMessage());
    }

    @Test
    void warmupRunsEachLearnerUntimedAndLeavesTheRowsUnchanged() throws Exception {
        String yaml = CONFIG.replace("learners: [{type: euclidean}, {type: covariance}]",
                "learners: [{type: counting_test}, {type: covariance}]");
        int before = TwoClassCatalog.COUNTING_FITS.get();
        runner().run(config(yaml), yaml.getBytes(StandardCharsets.UTF_8), tmp.resolve("cold"), false, 2);
        assertEquals(6, TwoClassCatalog.COUNTING_FITS.get() - before, "3 folds x 2 seeds");
        String warm = yaml + "warmup: true\n";
        ExperimentConfig cfg = config(warm);
        assertTrue(cfg.warmup());
        assertEquals(true, cfg.toTree().get("warmup"), "the resolved config records warmup");
        assertTrue(!config(yaml).warmup(), "off by default");
        before = TwoClassCatalog.COUNTING_FITS.get();
        runner().run(cfg, warm.getBytes(StandardCharsets.UTF_8), tmp.resolve("warm"), false, 2);
        // the test learner fits in microseconds, so the warm-up runs its trial the maximum number of times
        assertEquals(Trial.MAX_WARMUP_RUNS + 6, TwoClassCatalog.COUNTING_FITS.get() - before, "the warm-up runs, then the 6 timed trials");
        assertEquals(comparable(tmp.resolve("cold").resolve(TrialLog.ROWS)), comparable(tmp.resolve("warm").resolve(TrialLog.ROWS)));
        ConfigException bad = assertThrows(ConfigException.class, () -> config(yaml + "warmup: yes please\n"));
        assertTrue(bad.getMessage().contains("warmup") && bad.getMessage().contains("expected true or false"), bad.getMessage());
    }

    @Test
    void failedTrialsAreRecordedAndCurvesAndWarningsKept() throws Exception {
        String yaml = """
                name: failing
                datasets: [iris]
                protocol: {type: class_disjoint, train_classes: [0], test_classes: [1, 2]}
                retrieval: test_self
                seeds: [0, 1]
                learners: [{type: needs_two_classes_test}, {type: chatty_test}]
                measures: [precision_at_1]
                """;
        Path dir = tmp.resolve("failing");
        Runner.Summary s = runner().run(config(yaml), yaml.getBytes(StandardCharsets.UTF_8), dir, false, 2);
        assertEquals(2, s.failed());
        List<ResultRow> rows = TrialLog.read(dir.resolve(TrialLog.ROWS));
        assertEquals(4, rows.size());
        for (ResultRow r : rows) {
            if (r.learner().equals(TwoClassCatalog.NAME)) {
                assertTrue(Double.isNaN(r.value()));
                assertTrue(r.warnings().startsWith("failed: ") && r.warnings().contains("needs at least two classes"), r.warnings());
            } else {
                assertTrue(r.value() >= 0 && r.value() <= 1);
                assertEquals("iteration cap reached", r.warnings());
            }
        }
        List<String> curves = Files.readAllLines(dir.resolve(TrialLog.CURVES));
        assertEquals("dataset,label,seed,split,n_train,curve,step,value", curves.get(0));
        assertEquals(1 + 2 * 4, curves.size());
        assertTrue(curves.contains("iris,chatty_test,0,0,50,objective,2,1.5"), curves.toString());
        assertTrue(curves.contains("iris,chatty_test,1,0,50,epoch_loss,1,2.0"), curves.toString());
        assertTrue(curves.contains("iris,chatty_test,1,0,50,validation_map_at_r,1,0.25"), curves.toString());
        TrialKey first = new TrialKey("iris", "chatty_test", 0, 0, 50);
        assertEquals(List.of(new CurvePoint(first, "objective", 1, 2.5), new CurvePoint(first, "objective", 2, 1.5),
                new CurvePoint(first, "epoch_loss", 1, 2.0), new CurvePoint(first, "validation_map_at_r", 1, 0.25)),
                Curves.read(dir).stream().filter(c -> c.trial().seed() == 0).toList());
        String md = Files.readString(dir.resolve("tables/precision_at_1.md"));
        assertTrue(md.contains("| iris | — | **"), md);
    }

    /**
     * The whole pipeline (fixed split, train-only standardisation, fit, train-reference k-NN) against
     * metric-learn 0.7.0's numbers for the baselines. 5-NN covariance is left out: its vote ties are
     * broken differently (metric-learn: smallest label; metric-eval: nearest neighbour).
     */
    @Test
    void pipelineReproducesMetricLearnBaselines() throws Exception {
        String yaml = """
                name: baselines
                datasets: [iris, wine]
                learners: [{type: euclidean}, {type: covariance}]
                measures: [knn_accuracy_1, knn_accuracy_5]
                """;
        Runner.Summary s = runner().run(config(yaml), yaml.getBytes(StandardCharsets.UTF_8), tmp.resolve("b"), false, 2);
        java.util.Map<?, ?> ref = (java.util.Map<?, ?>) Trees.readJson(Path.of(getClass().getResource("/metric_learn_iris_wine.json").toURI()));
        int checked = 0;
        for (Object o : (List<?>) ref.get("results")) {
            java.util.Map<?, ?> e = (java.util.Map<?, ?>) o;
            String learner = String.valueOf(e.get("algorithm")).toLowerCase(java.util.Locale.ROOT);
            if (!learner.equals("euclidean") && !learner.equals("covariance")) {
                continue;
            }
            for (ResultRow r : s.rows()) {
                if (r.dataset().equals(e.get("dataset")) && r.learner().equals(learner)) {
                    if (r.measure().equals("knn_accuracy_1")) {
                        assertEquals(((Number) e.get("knn1_acc")).doubleValue(), r.value(), 1e-12, r.toString());
                        checked++;
                    } else if (learner.equals("euclidean")) {
                        assertEquals(((Number) e.get("knn5_acc")).doubleValue(), r.value(), 1e-12, r.toString());
                        checked++;
                    }
                }
            }
        }
        assertEquals(6, checked);
    }

    @Test
    void dataProblemsFailBeforeAnyTrialRuns() {
        String yaml = "name: p\ndatasets: [iris]\npreprocessing: {pca: 10}\nlearners: [{type: euclidean}]\n";
        Path dir = tmp.resolve("p");
        org.metriclab.experiments.config.ConfigException e = assertThrows(org.metriclab.experiments.config.ConfigException.class,
                () -> runner().run(config(yaml), yaml.getBytes(StandardCharsets.UTF_8), dir, false, 1));
        assertEquals("preprocessing.pca", e.path());
        assertTrue(Files.notExists(dir.resolve(TrialLog.ROWS)));
        String disjoint = "name: d\ndatasets: [iris]\nprotocol: {type: class_disjoint, train_classes: [0], test_classes: [7]}\n"
                + "retrieval: test_self\nlearners: [{type: euclidean}]\n";
        org.metriclab.experiments.config.ConfigException d = assertThrows(org.metriclab.experiments.config.ConfigException.class,
                () -> runner().run(config(disjoint), disjoint.getBytes(StandardCharsets.UTF_8), dir, false, 1));
        assertTrue(d.getMessage().startsWith("protocol: dataset 'iris': class_disjoint names classes [7]"), d.getMessage());
    }

    @Test
    void trainSizesSubsampleEveryTrainingPartAndAreRecordedAsNTrain() throws Exception {
        String yaml = """
                name: scaling
                datasets: [iris]
                protocol: {type: holdout, test_fraction: 0.3, repeats: 2, train_sizes: [30, 60]}
                seeds: [0]
                learners: [{type: euclidean}, {type: covariance}]
                measures: [precision_at_1]
                """;
        Path dir = tmp.resolve("scaling");
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        Runner.Summary s = runner().run(config(yaml), bytes, dir, false, 2);
        assertEquals(2 * 2 * 2, s.trials());
        List<ResultRow> rows = TrialLog.read(dir.resolve(TrialLog.ROWS));
        assertEquals(8, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.dataset().equals("iris")), "the dataset keeps its name; the size is n_train");
        assertEquals(List.of(30, 60), rows.stream().map(ResultRow::nTrain).distinct().sorted().toList());
        assertTrue(Files.readString(dir.resolve("tables/precision_at_1.md")).contains("| iris (n=30) |"));
        // euclidean's values differ between sizes only through the training rows, the test rows are shared
        List<Trial> planned = Runner.planDataset(config(yaml), 0);
        Trial small = planned.get(0);
        Trial large = planned.stream().filter(t -> t.key().nTrain() == 60 && t.splitIndex() == 0).findFirst().orElseThrow();
        assertEquals(30, small.key().nTrain());
        assertEquals(new TrialKey("iris", "euclidean", 0, 0, 60), large.key(), "the training size is part of the trial's identity");
        assertArrayEquals(small.split().test(), large.split().test());
        assertEquals(105, full(yaml).get(0).split().train().length);
        assertEquals(8, runner().run(config(yaml), bytes, dir, true, 1).skipped(), "resume finds every sized trial");

        String tooLarge = yaml.replace("[30, 60]", "[30, 106]");
        org.metriclab.experiments.config.ConfigException e = assertThrows(org.metriclab.experiments.config.ConfigException.class,
                () -> runner().run(config(tooLarge), tooLarge.getBytes(StandardCharsets.UTF_8), tmp.resolve("too-large"), false, 1));
        assertEquals("protocol.train_sizes[1]: train size 106 exceeds the 105 training rows of dataset 'iris' (seed 0, split 0)", e.getMessage());
    }

    private List<Trial> full(String yaml) {
        return Runner.planDataset(config(yaml.replace(", train_sizes: [30, 60]", "")), 0);
    }

    @Test
    void filesOfTheOlderLayoutAreReadAndResumedInTheCurrentOne() throws Exception {
        Path dir = tmp.resolve("legacy");
        byte[] bytes = CONFIG.getBytes(StandardCharsets.UTF_8);
        runner().run(config(CONFIG), bytes, dir, false, 2);
        Path rows = dir.resolve(TrialLog.ROWS);
        List<String> full = comparable(rows);
        // rewrite rows.csv without n_train (column 7) and drop the last trial; curves.csv as iteration, objective
        List<String> legacy = new ArrayList<>();
        legacy.add(String.join(",", ResultRow.LEGACY_COLUMNS));
        List<String> lines = dataLines(rows);
        for (String line : lines.subList(0, lines.size() - 2)) {
            List<String> f = new ArrayList<>(List.of(line.split(",", -1)));
            f.remove(6);
            legacy.add(String.join(",", f));
        }
        Files.writeString(rows, String.join("\n", legacy) + "\n", StandardCharsets.UTF_8);
        assertTrue(TrialLog.read(rows).stream().allMatch(r -> r.nTrain() == 0), "n_train unknown in the old layout");
        ResultRow kept = TrialLog.read(rows).get(0);
        String[] dropped = lines.get(lines.size() - 1).split(",", -1);
        Files.writeString(dir.resolve(TrialLog.CURVES), "dataset,label,seed,split,iteration,objective\n"
                + kept.dataset() + "," + kept.label() + "," + kept.seed() + "," + kept.split() + ",1,2.5\n"
                + dropped[0] + "," + dropped[2] + "," + dropped[4] + "," + dropped[5] + ",7,9.5\n", StandardCharsets.UTF_8);
        assertEquals(new CurvePoint(kept.key(), CurvePoint.OBJECTIVE, 1, 2.5), Curves.read(dir).get(0), "the old layout reads as curve objective");
        assertEquals(2, Curves.read(dir).size());

        Runner.Summary resumed = runner().run(config(CONFIG), bytes, dir, true, 1);
        assertEquals(11, resumed.skipped());
        assertEquals(full, comparable(rows));
        assertEquals(String.join(",", ResultRow.COLUMNS), Files.readAllLines(rows).get(0));
        assertEquals(2, TrialLog.read(rows).stream().filter(r -> r.nTrain() == 100).count(), "the rerun trial records n_train");
        assertEquals(List.of("dataset,label,seed,split,n_train,curve,step,value",
                kept.dataset() + "," + kept.label() + "," + kept.seed() + "," + kept.split() + ",,objective,1,2.5"),
                Files.readAllLines(dir.resolve(TrialLog.CURVES)), "converted, and the incomplete trial's point dropped");
    }
}
