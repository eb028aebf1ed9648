package org.metriclab.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.baseline.BaselineCatalog;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.Learners;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.experiments.cli.Main;
import org.metriclab.experiments.config.ConfigBinder;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.Tables;
import org.metriclab.experiments.results.TrialLog;

/**
 * Error rates and thresholds as run measures: rows.csv holds the values the evaluator gives when called directly on the
 * trial's test embeddings, and the written tables mark the lowest EER and no threshold.
 */
class VerificationRunTest {
    private static final Learners REGISTRY = Learners.of(List.of(new BaselineCatalog()));
    static final List<String> MEASURES = List.of("precision_at_1", "eer", "eer_threshold", "fnmr_at_fmr_0_01", "fnmr_at_fmr_0_01_threshold",
            "tar_at_far_0_1", "verification_negative_pairs");
    static final String YAML = """
            name: verification_run
            datasets: [iris, wine]
            protocol: {type: fixed_split}
            retrieval: test_self
            preprocessing: {standardize: false}
            seeds: [0]
            learners: [{type: euclidean}, {type: covariance}]
            measures: [%s]
            """.formatted(String.join(", ", MEASURES));

    @TempDir
    Path tmp;

    private static ExperimentConfig config() {
        return new ConfigBinder(REGISTRY, Path.of(".")).bind(Trees.parseYaml(YAML, "test"));
    }

    @Test
    void errorRatesAndThresholdsEqualTheEvaluatorsAndTablesReadTheirDirection() throws Exception {
        Path dir = tmp.resolve("run");
        Runner.Summary s = new Runner(REGISTRY, RunListener.none(), Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC))
                .run(config(), YAML.getBytes(StandardCharsets.UTF_8), dir, false, 1);
        assertEquals(0, s.failed(), String.valueOf(s.failures()));
        List<ResultRow> rows = TrialLog.read(dir.resolve(TrialLog.ROWS));
        for (int d = 0; d < 2; d++) {
            Trial t = Runner.planDataset(config(), d).stream().filter(x -> x.learner().label().equals("euclidean")).findFirst().orElseThrow();
            Dataset test = t.data().subset(t.split().test());
            Map<String, Double> direct = RetrievalEvaluator.evaluateSelf(test.x(), test.labels(), MEASURES, t.seed());
            for (String m : MEASURES) {
                ResultRow r = rows.stream().filter(x -> x.measure().equals(m) && x.label().equals("euclidean")
                        && x.dataset().equals(t.data().name())).findFirst().orElseThrow();
                assertEquals(direct.get(m), r.value(), 0.0, t.data().name() + " " + m);
                assertTrue(Double.isFinite(r.value()), m);
            }
        }
        Path tables = dir.resolve(Tables.DIR);
        String eer = Files.readString(tables.resolve("eer.md"));
        assertTrue(eer.contains("lowest mean"), eer);
        assertTrue(eer.contains("**"), eer);
        for (String threshold : List.of("eer_threshold", "fnmr_at_fmr_0_01_threshold", "verification_negative_pairs")) {
            String md = Files.readString(tables.resolve(threshold + ".md"));
            assertFalse(md.contains("**") || md.contains("avg. rank"), md);
            assertTrue(md.contains("not ranked"), md);
        }
        // the best EER per dataset in the table is the lower of the two learners' values
        for (String dataset : List.of("iris", "wine")) {
            double e = value(rows, dataset, "euclidean", "eer");
            double c = value(rows, dataset, "covariance", "eer");
            String best = e <= c ? "euclidean" : "covariance";
            String csv = Files.readString(tables.resolve("eer.csv"));
            assertTrue(csv.lines().anyMatch(l -> l.startsWith(dataset + "," + best + ",eer,") && l.contains(",true,")), csv);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"report", dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("id=\"cd_eer\"") && html.contains("(1 = best, the lowest, on the right)"), "the CD diagram of eer ranks the lowest first");
        assertTrue(html.contains("<td colspan=\"5\">not ranked (a threshold or a count)</td>"), "thresholds get no Friedman test");
        assertTrue(html.contains("<td>not ranked</td>"), "the best-learner summary names no best threshold");
        assertFalse(html.contains("id=\"cd_eer_threshold\""), "no CD diagram ranks a threshold");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("eer_threshold is a threshold or a count and is not ranked"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRateTheTestPairsCannotEstimateIsNaNWithTheCountNeededInTheWarnings() {
        String yaml = YAML.replace("datasets: [iris, wine]", "datasets: [iris]").replace("learners: [{type: euclidean}, {type: covariance}]",
                "learners: [{type: euclidean}]").replace(String.join(", ", MEASURES), "tar_at_far_0_1, tar_at_far_0_001, verification_negative_pairs");
        Path dir = tmp.resolve("few");
        ExperimentConfig cfg = new ConfigBinder(REGISTRY, Path.of(".")).bind(Trees.parseYaml(yaml, "test"));
        new Runner(REGISTRY, RunListener.none(), Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC))
                .run(cfg, yaml.getBytes(StandardCharsets.UTF_8), dir, false, 1);
        List<ResultRow> rows = TrialLog.read(dir.resolve(TrialLog.ROWS));
        double negatives = value(rows, "iris", "euclidean", "verification_negative_pairs");
        assertTrue(negatives >= 10 && negatives < 1000, "iris's test part has " + negatives + " different-label pairs");
        assertTrue(Double.isFinite(value(rows, "iris", "euclidean", "tar_at_far_0_1")));
        assertTrue(Double.isNaN(value(rows, "iris", "euclidean", "tar_at_far_0_001")));
        String warnings = rows.get(0).warnings();
        assertTrue(warnings.contains("tar_at_far_0_001_not_estimable: needs at least 1000 different-label pairs, has " + (long) negatives),
                warnings);
        assertFalse(warnings.contains("tar_at_far_0_1_not_estimable"), warnings);
    }

    private static double value(List<ResultRow> rows, String dataset, String label, String measure) {
        return rows.stream().filter(r -> r.dataset().equals(dataset) && r.label().equals(label) && r.measure().equals(measure))
                .findFirst().orElseThrow().value();
    }
}
