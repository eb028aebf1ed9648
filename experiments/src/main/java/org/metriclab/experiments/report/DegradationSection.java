package org.metriclab.experiments.report;

import static org.metriclab.experiments.results.TableFormat.htmlEscape;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.metriclab.experiments.plots.Charts;
import org.metriclab.experiments.plots.Figure;
import org.metriclab.experiments.results.DegradationRow;

/**
 * The report's approximate-search section, from degradation.csv alone: a table with each measure exact beside
 * approximate per learner, graph setting and beam width (means over seeds and splits), with the difference, the
 * index's recall@k against exact search, build time and queries per second of both; and per dataset a curve of
 * recall@k against index queries per second over the beam widths, one line per learner and graph setting.
 */
record DegradationSection(List<Setting> settings) {
    /** One learner's index at one graph setting and beam width on one dataset, averaged over its trials. */
    record Setting(String dataset, String label, int m, int efConstruction, int efSearch, int recallK, double recall, double buildSeconds,
                   double queriesPerSecond, double exactQueriesPerSecond, Map<String, double[]> exactAndApproximate) {
    }

    /** The section of {@code dir}, empty when the run did not compare an index with exact search. */
    static DegradationSection read(Path dir) {
        Map<List<Object>, List<DegradationRow>> groups = DegradationRow.read(dir).stream().collect(Collectors.groupingBy(
                r -> List.of(r.trial().dataset(), r.trial().label(), r.m(), r.efConstruction(), r.efSearch()), LinkedHashMap::new,
                Collectors.toList()));
        List<Setting> out = new ArrayList<>();
        groups.forEach((key, rows) -> {
            Map<String, double[]> measures = new LinkedHashMap<>();
            rows.stream().collect(Collectors.groupingBy(DegradationRow::measure, LinkedHashMap::new, Collectors.toList()))
                    .forEach((m, rs) -> measures.put(m, new double[] {mean(rs, DegradationRow::exact), mean(rs, DegradationRow::approximate)}));
            DegradationRow first = rows.get(0);
            out.add(new Setting(first.trial().dataset(), first.trial().label(), first.m(), first.efConstruction(), first.efSearch(),
                    first.recallK(), mean(rows, DegradationRow::recall), mean(rows, DegradationRow::buildSeconds),
                    mean(rows, DegradationRow::queriesPerSecond), mean(rows, DegradationRow::exactQueriesPerSecond), measures));
        });
        return new DegradationSection(out);
    }

    private static double mean(List<DegradationRow> rows, java.util.function.ToDoubleFunction<DegradationRow> f) {
        return rows.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    /** Per dataset: recall@k against index queries per second (log scale), one line per learner and graph setting. */
    List<Figure> figures() {
        List<Figure> out = new ArrayList<>();
        settings.stream().collect(Collectors.groupingBy(Setting::dataset, LinkedHashMap::new, Collectors.toList())).forEach((dataset, list) -> {
            Map<String, Charts.Points> series = new LinkedHashMap<>();
            list.stream().collect(Collectors.groupingBy(s -> s.label() + " (m " + s.m() + ", ef_construction " + s.efConstruction() + ")",
                    LinkedHashMap::new, Collectors.toList())).forEach((name, ss) -> {
                        List<Setting> sorted = ss.stream().sorted(Comparator.comparingInt(Setting::efSearch)).toList();
                        series.put(name, new Charts.Points(sorted.stream().mapToDouble(Setting::recall).toArray(),
                                sorted.stream().mapToDouble(Setting::queriesPerSecond).toArray()));
                    });
            int k = list.get(0).recallK();
            out.add(Charts.lines(("degradation-recall-qps-" + dataset).replaceAll("[^A-Za-z0-9_.-]", "_"),
                    "Recall@" + k + " against queries per second: " + dataset,
                    "Each point is one ef_search of the HNSW index (larger beams to the right): recall@" + k
                            + " of the index against exact search and the index's queries per second (wall clock, all cores; a log axis when they span ten-fold or more), means over"
                            + " seeds and splits. Exact search answered " + String.format(Locale.ROOT, "%.0f", list.get(0).exactQueriesPerSecond())
                            + " queries per second on the first learner's embeddings.",
                    "recall@" + k, "queries per second", series, false, spansDecade(list)));
        });
        return out;
    }

    /** Whether the queries per second span a factor of ten or more, so that a log axis shows them evenly. */
    private static boolean spansDecade(List<Setting> list) {
        double min = list.stream().mapToDouble(Setting::queriesPerSecond).min().orElse(1);
        double max = list.stream().mapToDouble(Setting::queriesPerSecond).max().orElse(1);
        return min > 0 && max / min >= 10;
    }

    /** The table, or nothing when there is no report. */
    String html() {
        if (settings.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("<h2>Approximate search</h2>\n<p>Each measure from exact search beside the same measure from the HNSW"
                + " index (degradation.csv; means over seeds and splits), the difference (approximate − exact), the index's recall@k against"
                + " exact search, its build time, and queries per second of the index and of exact search (wall clock, all cores; both return the"
                + " k nearest). Measures no neighbour list enters (NMI, AMI, ROC AUC, verification rates) are the same on both sides.</p>\n"
                + "<table>\n<thead><tr><th>dataset</th><th>learner</th><th>m</th><th>ef_construction</th><th>ef_search</th><th>measure</th>"
                + "<th>exact</th><th>approximate</th><th>difference</th><th>recall@k</th><th>build s</th><th>queries/s</th><th>exact queries/s</th>"
                + "<th>speed-up</th></tr></thead>\n<tbody>\n");
        for (Setting s : settings) {
            s.exactAndApproximate().forEach((measure, v) -> sb.append("<tr><td>").append(htmlEscape(s.dataset())).append("</td><td>")
                    .append(htmlEscape(s.label())).append("</td><td>").append(s.m()).append("</td><td>").append(s.efConstruction())
                    .append("</td><td>").append(s.efSearch()).append("</td><td>").append(htmlEscape(measure)).append("</td><td>")
                    .append(fmt("%.4f", v[0])).append("</td><td>").append(fmt("%.4f", v[1])).append("</td><td>").append(fmt("%+.4f", v[1] - v[0]))
                    .append("</td><td>").append(fmt("%.4f", s.recall())).append(" (k ").append(s.recallK()).append(")</td><td>")
                    .append(fmt("%.2f", s.buildSeconds())).append("</td><td>").append(fmt("%.0f", s.queriesPerSecond())).append("</td><td>")
                    .append(fmt("%.0f", s.exactQueriesPerSecond())).append("</td><td>")
                    .append(fmt("%.2f", s.queriesPerSecond() / s.exactQueriesPerSecond())).append("×</td></tr>\n"));
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    private static String fmt(String format, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "–";
    }
}
