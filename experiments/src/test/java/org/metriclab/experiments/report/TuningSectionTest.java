package org.metriclab.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.config.ConfigBinder;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.results.PublishedTable;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.run.RunListener;
import org.metriclab.experiments.run.Runner;

/** The report of a tuned run shows the chosen values, the best-so-far curve and score-against-parameter scatters. */
class TuningSectionTest {
    private static final String CONFIG = """
            name: tuned_report
            datasets: [iris]
            protocol: {type: holdout, test_fraction: 0.3, repeats: 2}
            tuning: {budget: {trials: 5}, search: random, validation: {folds: 2}, select_by: precision_at_1, seed: 2}
            learners:
              - {type: euclidean}
              - {type: lfda, space: {k: {int: [1, 12]}, ridge: {log_uniform: [1.0e-9, 1.0e-1]}}}
            measures: [precision_at_1]
            """;

    @TempDir
    Path tmp;

    @Test
    void aTunedRunsReportHasTheTuningSection() {
        Learners registry = Learners.load();
        ExperimentConfig cfg = new ConfigBinder(registry, Path.of(".")).bind(Trees.parseYaml(CONFIG, "test"));
        Path dir = tmp.resolve("run");
        Runner.Summary s = new Runner(registry, RunListener.none(), Clock.systemUTC()).run(cfg, CONFIG.getBytes(StandardCharsets.UTF_8), dir,
                false, 1);
        TuningSection section = TuningSection.read(dir);
        assertEquals(2, section.searches().size());
        for (TuningSection.Search search : section.searches()) {
            assertEquals(List.of("k", "ridge"), search.tuned());
            ResultRow row = s.rows().stream().filter(r -> r.key().equals(search.trial())).findFirst().orElseThrow();
            @SuppressWarnings("unchecked")
            Map<String, Object> used = (Map<String, Object>) Trees.parseYaml(row.params(), "rows.csv");
            assertEquals(used.get("k"), search.chosen().params().get("k"), "the report names the parameters the trial ran with");
            assertEquals(used.get("ridge"), search.chosen().params().get("ridge"));
            double best = search.candidates().stream().mapToDouble(TuningSection.Candidate::score).max().orElseThrow();
            assertEquals(best, search.chosen().score(), 0.0);
        }
        Report report = Report.write(dir, s.rows(), s.tables(), PublishedTable.Options.defaults(), false, null);
        List<String> names = report.written().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("tuning-best-so-far-iris.png", "tuning-lfda-k.png", "tuning-lfda-ridge.svg")), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.startsWith("tuning-euclidean")), names.toString());
        String html = read(report.html());
        assertTrue(html.contains("<h2>Tuning</h2>"), "section present");
        assertTrue(report.notes().stream().noneMatch(n -> n.contains("fit-time")), "the resolved config of a tuned run binds again for the fit-time plot: " + report.notes());
        Report withEmbeddings = Report.write(dir, s.rows(), s.tables(), PublishedTable.Options.defaults(), true, tmp.resolve("e/report.html"));
        assertTrue(withEmbeddings.notes().contains(
                "The run tuned its learners, whose chosen parameters differ per split, so there are no embedding plots."), "refits would use the config's parameters, not the chosen ones");
        assertTrue(html.contains("logarithmic ridge axis") && !html.contains("logarithmic k axis"), "ridge spans 8 decades, k one");
        assertTrue(html.contains("k = " + section.searches().get(0).chosen().params().get("k") + ", ridge = "), html);
    }

    @Test
    void anUntunedRunHasNoTuningSection() throws Exception {
        assertTrue(TuningSection.read(Files.createDirectories(tmp.resolve("plain"))).figures().isEmpty());
        assertEquals("", TuningSection.read(tmp.resolve("plain")).html());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
