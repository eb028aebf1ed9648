package org.metriclab.experiments.report;

import static org.metriclab.experiments.results.TableFormat.htmlEscape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.metriclab.eval.stats.Friedman;
import org.metriclab.experiments.jackson.Trees;
import org.metriclab.experiments.plots.Figure;
import org.metriclab.experiments.results.Provenance;
import org.metriclab.experiments.results.PublishedTable;
import org.metriclab.experiments.results.Tables;

/**
 * A self-contained HTML report of one results directory, in the order a reader needs it: a summary (the best learner
 * per dataset and measure, the main measure's CD diagram and heatmap), the tables (transposed when wider than tall,
 * {@link HtmlTables}), the significance tests, the remaining figures by section, then config and provenance. Figures
 * are embedded as PNG data URIs, so the file opens anywhere without network or side files. The layout fits a
 * 1400-px window: the page never scrolls sideways, wide tables scroll inside their own box. An inline script records
 * how many images decoded as attributes of a hidden element ({@code #image-check}), which headless browser checks read.
 */
final class HtmlReport {
    private static final String STYLE = """
            body{font-family:sans-serif;max-width:1320px;margin:1.5em auto;padding:0 1em;color:#222;line-height:1.35}
            h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
            .scroll{overflow-x:auto;max-width:100%;margin:1em 0}
            table{border-collapse:collapse}th,td{border-bottom:1px solid #ddd;padding:.25em .55em;text-align:center;white-space:nowrap}
            td small{color:#666;font-size:.78em}tbody th{text-align:left}
            p.caption{font-size:.85em;margin:.4em 0 0;max-width:1100px}
            table.best td{white-space:normal;max-width:22em}tr.ranks td,tr.ranks th{border-top:2px solid #888;font-style:italic}
            td.rank{font-style:italic;border-left:2px solid #888}td.long{white-space:normal;min-width:22em;text-align:left}
            table.kv td{text-align:left;white-space:normal;word-break:break-all}
            pre{background:#f6f6f6;padding:1em;overflow:auto;max-width:100%;box-sizing:border-box}
            code{word-break:break-all}
            figure{margin:1.5em 0}figure img{display:block;max-width:100%;height:auto;border:1px solid #eee}
            figcaption{font-size:.85em;max-width:1000px;margin-top:.3em}ul.notes{font-size:.9em;color:#555}
            """;

    private HtmlReport() {
    }

    /** @param tuningHtml the tuning section ({@link TuningSection#html}), placed after the significance summary; empty for none */
    static String render(Path dir, String runName, RunFiles run, List<PublishedTable> tables, List<ReportFigures.Section> sections,
            List<String> notes, String tuningHtml) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>MetricLab report: ")
                .append(htmlEscape(runName)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        sb.append("<h1>MetricLab report: ").append(htmlEscape(runName)).append("</h1>\n<p>Results directory: <code>")
                .append(htmlEscape(dir.toAbsolutePath().normalize().toString()))
                .append("</code>. Everything below is rebuilt from its files; nothing was rerun. Every figure is also written to "
                        + "<code>plots/</code> next to this file as SVG and PDF (vector, for LaTeX) and PNG.</p>\n");
        sb.append("<p id=\"image-check\" hidden></p>\n");
        sb.append("<h2>Summary</h2>\n").append(HtmlTables.best(run.rows(), run.byDataset()));
        ReportFigures.Section summary = sections.get(0);
        summary.figures().forEach(f -> figure(sb, f));
        if (!notes.isEmpty()) {
            sb.append("<p>Left out of this report:</p>\n<ul class=\"notes\">\n");
            notes.forEach(n -> sb.append("<li>").append(htmlEscape(n)).append("</li>\n"));
            sb.append("</ul>\n");
        }
        sb.append("<h2>Tables</h2>\n");
        for (PublishedTable t : tables) {
            sb.append("<h3>").append(htmlEscape(t.table().measure())).append("</h3>\n").append(HtmlTables.render(t));
        }
        sb.append("<h2>Significance</h2>\n");
        significance(sb, tables);
        sb.append(tuningHtml);
        for (ReportFigures.Section s : sections.subList(1, sections.size())) {
            if (s.figures().isEmpty()) {
                continue;
            }
            sb.append("<h2>").append(htmlEscape(s.heading())).append("</h2>\n");
            if (!s.intro().isEmpty()) {
                sb.append("<p>").append(htmlEscape(s.intro())).append("</p>\n");
            }
            s.figures().forEach(f -> figure(sb, f));
        }
        sb.append("<h2>Configuration</h2>\n<pre>").append(htmlEscape(read(dir.resolve(Tables.RESOLVED_CONFIG)))).append("</pre>\n");
        sb.append("<h2>Provenance</h2>\n");
        provenance(sb, dir.resolve(Provenance.FILE));
        sb.append("<script>\nwindow.addEventListener('load', function () {\n")
                .append("  var imgs = Array.prototype.slice.call(document.images);\n")
                .append("  var ok = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;\n")
                .append("  var p = document.getElementById('image-check');\n")
                .append("  p.setAttribute('data-loaded', ok); p.setAttribute('data-total', imgs.length);\n});\n</script>\n");
        return sb.append("</body>\n</html>\n").toString();
    }

    /** The figure's PNG (2 px per point) at its natural size, shrunk to the page when wider, and its caption. */
    private static void figure(StringBuilder sb, Figure f) {
        sb.append("<figure id=\"").append(f.name()).append("\"><img alt=\"").append(htmlEscape(f.title()))
                .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(f.png()))
                .append("\"><figcaption>").append(htmlEscape(f.caption())).append("</figcaption></figure>\n");
    }

    private static void significance(StringBuilder sb, List<PublishedTable> tables) {
        sb.append("<p>Each table marks with † the cells not significantly worse than their row's best (two-sided paired test over "
                + "matching trials, Holm-corrected per row). Across rows, Friedman's test asks whether the columns' ranks differ at all; "
                + "Nemenyi's critical difference (CD) is the least difference of average ranks that is significant "
                + "(Demšar 2006).</p>\n<div class=\"scroll\"><table>\n<thead><tr><th>measure</th><th>rows</th><th>Friedman χ²</th><th>p</th>"
                + "<th>Iman–Davenport F</th><th>p</th><th>Nemenyi CD</th><th>average ranks (1 = best: the highest score, the lowest error rate)</th>"
                + "<th>pairs further apart than CD</th></tr></thead>\n<tbody>\n");
        for (PublishedTable t : tables) {
            sb.append("<tr><th>").append(htmlEscape(t.table().measure())).append("</th><td>").append(t.rankedRows()).append("</td>");
            if (!t.table().direction().ranked()) {
                sb.append("<td colspan=\"5\">not ranked (a threshold or a count)</td>");
            } else if (t.friedman().isEmpty()) {
                sb.append("<td colspan=\"5\">needs at least 2 rows with every column</td>");
            } else {
                Friedman f = t.friedman().get();
                sb.append(td(f.chiSquare())).append(td(f.pValue())).append(td(f.imanDavenport())).append(td(f.imanDavenportPValue()))
                        .append(td(t.criticalDifference()));
            }
            List<String> ranks = new ArrayList<>();
            t.ranks().entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .forEach(e -> ranks.add(htmlEscape(e.getKey()) + " " + String.format(Locale.ROOT, "%.2f", e.getValue())));
            sb.append("<td class=\"long\">").append(String.join(", ", ranks)).append("</td><td class=\"long\">");
            List<String> pairs = new ArrayList<>();
            if (t.friedman().isPresent()) {
                List<Map.Entry<String, Double>> es = new ArrayList<>(t.ranks().entrySet());
                for (int i = 0; i < es.size(); i++) {
                    for (int j = i + 1; j < es.size(); j++) {
                        double d = Math.abs(es.get(i).getValue() - es.get(j).getValue());
                        if (d > t.criticalDifference()) {
                            pairs.add(htmlEscape(es.get(i).getKey()) + " vs " + htmlEscape(es.get(j).getKey()));
                        }
                    }
                }
            }
            sb.append(pairs.isEmpty() ? "none" : String.join("; ", pairs)).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table></div>\n");
    }

    private static String td(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "<td>∞</td>";
        }
        return "<td>" + (Double.isFinite(v) ? String.format(Locale.ROOT, v < 0.001 && v > 0 ? "%.1e" : "%.3f", v) : "—") + "</td>";
    }

    private static void provenance(StringBuilder sb, Path file) {
        if (!Files.isRegularFile(file)) {
            sb.append("<p>No ").append(Provenance.FILE).append(".</p>\n");
            return;
        }
        Object tree = Trees.readJson(file);
        sb.append("<table class=\"kv\">\n<tbody>\n");
        if (tree instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                String value = v instanceof Map<?, ?> inner ? String.join(", ", inner.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())
                        : String.valueOf(v);
                sb.append("<tr><th>").append(htmlEscape(String.valueOf(k))).append("</th><td>")
                        .append(htmlEscape(value)).append("</td></tr>\n");
            });
        }
        sb.append("</tbody>\n</table>\n");
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            return "(no " + file.getFileName() + ")";
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
