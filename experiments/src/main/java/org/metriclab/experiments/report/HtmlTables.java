package org.metriclab.experiments.report;

import static org.metriclab.experiments.results.TableFormat.htmlEscape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.metriclab.experiments.results.PublishedTable;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.ResultTable;
import org.metriclab.experiments.results.Tables;

/**
 * The report's HTML tables. A table with more columns than rows is shown transposed (with the quickstart's learners
 * as rows instead of 23 columns); every mean has {@value ResultTable#DIGITS} decimals and its ± sd sits on a small
 * second line, so no cell wraps; each table scrolls inside its own box when it is still wider than the page.
 */
final class HtmlTables {
    private HtmlTables() {
    }

    /** Whether {@code t} is shown with its rows and columns swapped. */
    static boolean transposed(ResultTable t) {
        return t.columns().size() > t.rows().size();
    }

    static String render(PublishedTable p) {
        ResultTable t = p.table();
        boolean swap = transposed(t);
        List<String> rows = swap ? t.columns() : t.rows();
        List<String> cols = swap ? t.rows() : t.columns();
        int n = p.typicalN();
        StringBuilder sb = new StringBuilder("<div class=\"scroll\"><table class=\"results\">\n<thead><tr><th>")
                .append(htmlEscape(swap ? t.columnAxis() : t.rowAxis())).append("</th>");
        cols.forEach(c -> sb.append("<th>").append(htmlEscape(c)).append("</th>"));
        boolean ranks = !p.ranks().isEmpty();
        if (ranks && swap) {
            sb.append("<th>avg. rank</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (String r : rows) {
            sb.append("<tr><th>").append(htmlEscape(r)).append("</th>");
            for (String c : cols) {
                String row = swap ? c : r;
                String col = swap ? r : c;
                sb.append(cell(p, row, col, n));
            }
            if (ranks && swap) {
                sb.append("<td class=\"rank\">").append(rank(p, r)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        if (ranks && !swap) {
            sb.append("<tr class=\"ranks\"><th>avg. rank</th>");
            cols.forEach(c -> sb.append("<td>").append(rank(p, c)).append("</td>"));
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n<p class=\"caption\">").append(htmlEscape(caption(p, swap))).append("</p></div>\n").toString();
    }

    private static String rank(PublishedTable p, String column) {
        Double r = p.ranks().get(column);
        return r == null ? "–" : String.format(Locale.ROOT, "%.2f", r);
    }

    /** The mean (bold when best, † when not significantly worse), ± sd on a second line, and n when it is not the usual one. */
    private static String cell(PublishedTable p, String row, String col, int typicalN) {
        ResultTable.Cell c = p.table().cell(row, col);
        if (c == null) {
            return "<td>–</td>";
        }
        String mean = num(c.mean());
        if (p.table().isBest(row, col)) {
            mean = "<b>" + mean + "</b>";
        } else if (p.notSignificantlyWorse(row, col)) {
            mean = mean + "<sup>†</sup>";
        }
        StringBuilder sb = new StringBuilder("<td>").append(mean);
        if (c.n() >= 2 || c.n() != typicalN) {
            sb.append("<br><small>");
            if (c.n() >= 2) {
                sb.append("± ").append(num(c.sd()));
            }
            if (c.n() != typicalN) {
                sb.append(c.n() >= 2 ? " " : "").append("n = ").append(c.n());
            }
            sb.append("</small>");
        }
        return sb.append("</td>").toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%." + ResultTable.DIGITS + "f", v);
    }

    /** The table's footnote, with "row" and "column" swapped when the table is shown transposed. */
    static String caption(PublishedTable p, boolean swap) {
        String f = p.footnote("±", "†");
        if (!swap) {
            return f;
        }
        return f.replace("bold: best per row", "bold: best per column").replace("Holm-corrected per row", "Holm-corrected per column")
                .replace("avg. rank: mean rank over the", "avg. rank: each row's mean rank over the")
                .replace(" row with every column", " column with every row").replace(" rows with every column", " columns with every row");
    }

    /**
     * The summary table: per dataset (rows) and measure (columns) the learner(s) with the best mean at the shown
     * precision, with that mean.
     */
    static String best(List<ResultRow> rows, Tables byDataset) {
        List<ResultTable> tables = new ArrayList<>();
        byDataset.measures().forEach(m -> tables.add(byDataset.pivot(rows, m)));
        StringBuilder sb = new StringBuilder("<div class=\"scroll\"><table class=\"best\">\n<thead><tr><th>dataset</th>");
        tables.forEach(t -> sb.append("<th>").append(htmlEscape(t.measure())).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        List<String> datasets = tables.isEmpty() ? List.of() : tables.get(0).rows();
        for (String d : datasets) {
            sb.append("<tr><th>").append(htmlEscape(d)).append("</th>");
            for (ResultTable t : tables) {
                List<String> winners = t.columns().stream().filter(l -> t.isBest(d, l)).toList();
                if (!t.direction().ranked()) {
                    sb.append("<td>not ranked</td>");
                } else if (winners.isEmpty()) {
                    sb.append("<td>–</td>");
                } else {
                    sb.append("<td>").append(htmlEscape(String.join(", ", winners))).append("<br><small>")
                            .append(num(t.cell(d, winners.get(0)).mean())).append("</small></td>");
                }
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n<p class=\"caption\">Best learner per dataset and measure: the highest mean over seeds "
                + "and splits, the lowest for error rates (ties at the shown precision are all listed; thresholds and counts are not "
                + "ranked).</p></div>\n").toString();
    }
}
