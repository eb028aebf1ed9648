package org.metriclab.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.baseline.BaselineCatalog;
import org.metriclab.core.learn.Learners;
import org.metriclab.experiments.config.ConfigBinder;
import org.metriclab.experiments.config.ConfigException;
import org.metriclab.experiments.config.ExperimentConfig;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.report.Report;
import org.metriclab.experiments.results.DegradationRow;
import org.metriclab.experiments.results.PublishedTable;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.RetrievalCurve;
import org.metriclab.experiments.results.RetrievalCurvePoint;
import org.metriclab.experiments.results.TrialLog;
import org.metriclab.experiments.results.Tables;

/** Runs with the HNSW index in place of exact search, and the degradation report of a run that compares both. */
class IndexedRunTest {
    private static final Learners REGISTRY = Learners.of(List.of(new BaselineCatalog()));
    private static final String MEASURES = "measures: [precision_at_1, precision_at_5, mean_average_precision_at_r]\n";

    @TempDir
    Path tmp;

    private static ExperimentConfig config(String yaml) {
        return new ConfigBinder(REGISTRY, Path.of(".")).bind(Trees.parseYaml(yaml, "test"));
    }

    private static String yaml(String name, String search) {
        return "name: " + name + "\ndatasets: [digits]\nprotocol: {type: fixed_split}\nretrieval: test_self\nseeds: [0]\n"
                + "learners: [{type: euclidean}]\n" + MEASURES + "search: " + search + "\n";
    }

    private Runner.Summary run(ExperimentConfig cfg, String dir) {
        return new Runner(REGISTRY, RunListener.none(), Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC))
                .run(cfg, new byte[0], tmp.resolve(dir), false, 1);
    }

    private static Map<String, Double> values(Runner.Summary s) {
        return s.rows().stream().collect(Collectors.toMap(ResultRow::measure, ResultRow::value));
    }

    /**
     * An hnsw run records P@k and R@k (k = 1..100) from the index's neighbour lists, labelled with the index's settings;
     * with a beam over every test row the index returns the exact neighbours, and the curves are the exact run's.
     */
    @Test
    void hnswRunRecordsTheExactEnginesCurvesWhereTheIndexIsExact() throws Exception {
        run(config(yaml("exact", "{type: exact}")), "exact");
        run(config(yaml("indexed", "{type: hnsw, m: 8, ef_construction: 40, ef_search: [600]}")), "indexed");
        List<RetrievalCurvePoint> exact = RetrievalCurvePoint.read(tmp.resolve("exact"));
        List<RetrievalCurvePoint> indexed = RetrievalCurvePoint.read(tmp.resolve("indexed"));
        for (RetrievalCurve c : List.of(RetrievalCurve.PRECISION_AT_K, RetrievalCurve.RECALL_AT_K)) {
            Map<Double, Double> e = exact.stream().filter(p -> p.curve() == c).collect(Collectors.toMap(RetrievalCurvePoint::x, RetrievalCurvePoint::y));
            List<RetrievalCurvePoint> i = indexed.stream().filter(p -> p.curve() == c).toList();
            assertEquals(100, i.size(), c.csvName());
            for (RetrievalCurvePoint p : i) {
                assertEquals("hnsw m=8 ef_construction=40 ef_search=600", p.engine());
                assertEquals(e.get(p.x()), p.y(), 1e-12, c.csvName() + " at k = " + p.x());
            }
        }
        assertTrue(indexed.stream().noneMatch(p -> p.curve() == RetrievalCurve.PRECISION_RECALL), "that curve reads the whole ranking");
        assertTrue(exact.stream().allMatch(p -> p.engine().equals(RetrievalCurvePoint.EXACT)));
        assertTrue(Files.readString(tmp.resolve("indexed").resolve(RetrievalCurvePoint.FILE)).startsWith(
                "dataset,label,seed,split,n_train,curve,x,y,engine\n"));
        Report report = Report.write(tmp.resolve("indexed"), TrialLog.read(tmp.resolve("indexed").resolve(TrialLog.ROWS)), Tables.of(config(yaml("indexed",
                "{type: hnsw, m: 8, ef_construction: 40, ef_search: [600]}"))), PublishedTable.Options.defaults(), false, null);
        assertTrue(Files.readString(report.html(), StandardCharsets.UTF_8).contains("Search: hnsw m=8 ef_construction=40 ef_search=600"),
                "the report says which engine drew the curves");
    }

    @Test
    void comparedRunWritesExactBesideApproximateWithRecallAndTheReportShowsIt() throws Exception {
        Runner.Summary exact = run(config(yaml("exact", "{type: exact}")), "exact");
        Runner.Summary compared = run(config(yaml("compared",
                "{type: hnsw, m: 8, ef_construction: 40, ef_search: [2, 600], compare_exact: true, recall_k: 10}")), "compared");
        assertEquals(values(exact), values(compared), "rows.csv keeps the exact values when exact search is compared");
        List<DegradationRow> d = DegradationRow.read(tmp.resolve("compared"));
        assertEquals(2 * 3, d.size(), "one line per beam width and measure");
        for (DegradationRow r : d) {
            assertEquals(values(exact).get(r.measure()), r.exact(), 0.0, r.measure());
            assertTrue(r.recall() >= 0 && r.recall() <= 1 && r.queriesPerSecond() > 0 && r.exactQueriesPerSecond() > 0 && r.buildSeconds() > 0);
            assertEquals(r.approximate() - r.exact(), r.difference(), 0.0);
        }
        DegradationRow wide = d.stream().filter(r -> r.efSearch() == 600).findFirst().orElseThrow();
        DegradationRow narrow = d.stream().filter(r -> r.efSearch() == 2).findFirst().orElseThrow();
        assertEquals(1.0, wide.recall(), 0.0, "a beam over every test row finds the exact neighbours");
        assertTrue(narrow.recall() <= wide.recall());
        d.stream().filter(r -> r.efSearch() == 600).forEach(r -> assertEquals(r.exact(), r.approximate(), 1e-12, r.measure()));

        Report report = Report.write(tmp.resolve("compared"), compared.rows(), Tables.of(config(yaml("compared",
                "{type: hnsw, m: 8, ef_construction: 40, ef_search: [2, 600], compare_exact: true, recall_k: 10}"))),
                PublishedTable.Options.defaults(), false, null);
        String html = Files.readString(report.html(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<h2>Approximate search</h2>") && html.contains("<td>mean_average_precision_at_r</td>"), "the table");
        assertTrue(report.written().stream().anyMatch(p -> p.getFileName().toString().equals("degradation-recall-qps-digits.svg")), "the curve");
    }

    @Test
    void theIndexStandsInForExactSearch() {
        Runner.Summary s = run(config(yaml("alone", "{type: hnsw, ef_search: 400}")), "alone");
        Runner.Summary exact = run(config(yaml("exact", "{type: exact}")), "exact");
        values(exact).forEach((m, v) -> assertEquals(v, values(s).get(m), 0.02, m));
        assertTrue(Files.notExists(tmp.resolve("alone").resolve(DegradationRow.FILE)));
    }

    @Test
    void badSearchBlocksFailWithTheirPath() {
        ConfigException unknown = assertThrows(ConfigException.class, () -> config(yaml("x", "{type: faiss}")));
        assertTrue(unknown.getMessage().contains("search.type") && unknown.getMessage().contains("known: exact, hnsw"), unknown.getMessage());
        ConfigException m = assertThrows(ConfigException.class, () -> config(yaml("x", "{type: hnsw, m: 1}")));
        assertTrue(m.getMessage().contains("search.m"), m.getMessage());
        ConfigException sweep = assertThrows(ConfigException.class, () -> config(yaml("x", "{type: hnsw, ef_search: [16, 32]}")));
        assertTrue(sweep.getMessage().contains("search.ef_search") && sweep.getMessage().contains("compare_exact"), sweep.getMessage());
        ConfigException key = assertThrows(ConfigException.class, () -> config(yaml("x", "{type: hnsw, efSearch: 3}")));
        assertTrue(key.getMessage().contains("unknown key 'efSearch'"), key.getMessage());
        ConfigException whole = assertThrows(ConfigException.class, () -> config(yaml("x", "{type: hnsw}").replace(MEASURES,
                "measures: [mean_average_precision]\n")));
        assertTrue(whole.getMessage().startsWith("measures:") || whole.getMessage().contains("measures"), whole.getMessage());
        assertTrue(whole.getMessage().contains("reads the whole ranking"), whole.getMessage());
    }
}
