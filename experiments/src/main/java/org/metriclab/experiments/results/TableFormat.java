package org.metriclab.experiments.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.metriclab.eval.stats.Summary;

/**
 * Renders a {@link PublishedTable}. Markdown and LaTeX (booktabs) show {@code mean ± sd} with three
 * decimals, followed by {@code (n)} when a cell has another number of values than most cells, {@code —}
 * when there is no value; the best cell of each row in bold, {@code †} on cells not significantly worse
 * than the best, an average-rank row at the bottom and a footnote saying what all of that means and which
 * test was used. CSV is long-form and machine-readable, one line per cell, with the 95% Student-t interval,
 * the Holm-adjusted p-value against the row's best and the column's average rank. HTML is a {@code <table>}
 * fragment with the footnote as its caption (for reports).
 */
public enum TableFormat {
    MARKDOWN("md"), CSV("csv"), LATEX("tex"), HTML("html");

    static final String RANK_ROW = "avg. rank";
    private final String extension;

    TableFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public static TableFormat parse(String name) {
        for (TableFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown table format '" + name + "'; known: markdown, latex, csv, html");
    }

    public String render(PublishedTable t) {
        return switch (this) {
            case MARKDOWN -> markdown(t);
            case CSV -> csv(t);
            case LATEX -> latex(t);
            case HTML -> html(t);
        };
    }

    /** "0.953 ± 0.012"; "0.953" for a single value; " (n)" appended when n is not the table's usual n. */
    public static String cellText(ResultTable.Cell c, String pm, int typicalN) {
        String text = num(c.mean());
        if (c.n() >= 2) {
            text += " " + pm + " " + num(c.sd());
        }
        return c.n() == typicalN ? text : text + " (" + c.n() + ")";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%." + ResultTable.DIGITS + "f", v);
    }

    /** Header cells, then per row the rendered cells: one grid shared by Markdown and LaTeX. */
    private static List<List<String>> grid(PublishedTable p, Style s) {
        ResultTable t = p.table();
        int n = p.typicalN();
        List<List<String>> out = new ArrayList<>();
        List<String> head = new ArrayList<>();
        head.add(s.escape(t.rowAxis()));
        for (String c : t.columns()) {
            head.add(s.escape(c));
            if (!p.fitSeconds().isEmpty()) {
                head.add(s.escape(c + " time (s)"));
            }
            if (!p.dims().isEmpty()) {
                head.add(s.escape(c + " dim"));
            }
        }
        out.add(head);
        for (String r : t.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(s.escape(r));
            for (String c : t.columns()) {
                ResultTable.Cell cell = t.cell(r, c);
                String text = cell == null ? s.missing() : cellText(cell, s.pm(), n);
                if (t.isBest(r, c)) {
                    text = s.bold(text);
                } else if (p.notSignificantlyWorse(r, c)) {
                    text = text + s.dagger();
                }
                cells.add(text);
                if (!p.fitSeconds().isEmpty()) {
                    Double sec = p.fitSeconds().getOrDefault(r, Map.of()).get(c);
                    cells.add(sec == null ? s.missing() : String.format(Locale.ROOT, "%.2f", sec));
                }
                if (!p.dims().isEmpty()) {
                    cells.add(p.dims().getOrDefault(r, Map.of()).getOrDefault(c, s.missing()));
                }
            }
            out.add(cells);
        }
        if (!p.ranks().isEmpty()) {
            List<String> cells = new ArrayList<>();
            cells.add(s.rankLabel());
            for (String c : t.columns()) {
                cells.add(String.format(Locale.ROOT, "%.2f", p.ranks().get(c)));
                if (!p.fitSeconds().isEmpty()) {
                    cells.add("");
                }
                if (!p.dims().isEmpty()) {
                    cells.add("");
                }
            }
            out.add(cells);
        }
        return out;
    }

    private static String markdown(PublishedTable p) {
        List<List<String>> g = grid(p, Style.MD);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < g.size(); i++) {
            sb.append("| ").append(String.join(" | ", g.get(i))).append(" |\n");
            if (i == 0) {
                sb.append("|").append("---|".repeat(g.get(0).size())).append('\n');
            }
        }
        sb.append('\n').append(p.footnote("±", "†")).append('\n');
        return sb.toString();
    }

    private static String latex(PublishedTable p) {
        List<List<String>> g = grid(p, Style.TEX);
        int cols = g.get(0).size();
        StringBuilder sb = new StringBuilder();
        sb.append("% ").append(latexEscape(p.table().measure())).append(" (needs \\usepackage{booktabs})\n");
        sb.append("\\begin{tabular}{l").append("c".repeat(cols - 1)).append("}\n\\toprule\n");
        sb.append(String.join(" & ", g.get(0))).append(" \\\\\n\\midrule\n");
        int body = p.table().rows().size();
        for (int i = 1; i <= body; i++) {
            sb.append(String.join(" & ", g.get(i))).append(" \\\\\n");
        }
        if (g.size() > body + 1) {
            sb.append("\\midrule\n").append(String.join(" & ", g.get(body + 1))).append(" \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}\n\n\\smallskip\n{\\footnotesize ")
                .append(latexText(p.footnote("±", "†"))).append("}\n");
        return sb.toString();
    }

    private static String html(PublishedTable p) {
        List<List<String>> g = grid(p, Style.HTML);
        StringBuilder sb = new StringBuilder("<table class=\"results\">\n<caption>").append(htmlEscape(p.footnote("±", "†")))
                .append("</caption>\n<thead><tr>");
        g.get(0).forEach(h -> sb.append("<th>").append(h).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        int body = p.table().rows().size();
        for (int i = 1; i < g.size(); i++) {
            sb.append(i > body ? "<tr class=\"ranks\">" : "<tr>");
            List<String> row = g.get(i);
            for (int j = 0; j < row.size(); j++) {
                String tag = j == 0 ? "th" : "td";
                sb.append('<').append(tag).append('>').append(row.get(j)).append("</").append(tag).append('>');
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String htmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String csv(PublishedTable p) {
        ResultTable t = p.table();
        StringBuilder sb = new StringBuilder();
        sb.append(Csv.line(List.of(t.rowAxis(), t.columnAxis(), "measure", "mean", "sd", "n", "ci95_low", "ci95_high", "best",
                "not_significantly_worse", "p_holm", "avg_rank", "fit_seconds", "dims"))).append('\n');
        for (String r : t.rows()) {
            for (String c : t.columns()) {
                ResultTable.Cell cell = t.cell(r, c);
                if (cell == null) {
                    continue;
                }
                Summary s = Summary.fromMoments(cell.n(), cell.mean(), cell.sd(), Summary.DEFAULT_CONFIDENCE);
                Double rank = p.ranks().get(c);
                Double sec = p.fitSeconds().getOrDefault(r, Map.of()).get(c);
                sb.append(Csv.line(List.of(r, c, t.measure(), Double.toString(cell.mean()), opt(cell.sd()), Integer.toString(cell.n()),
                        opt(s.low()), opt(s.high()), Boolean.toString(t.isBest(r, c)), Boolean.toString(p.notSignificantlyWorse(r, c)),
                        p.pValue(r, c).map(d -> Double.toString(d)).orElse(""), rank == null ? "" : Double.toString(rank),
                        sec == null ? "" : Double.toString(sec), p.dims().getOrDefault(r, Map.of()).getOrDefault(c, "")))).append('\n');
            }
        }
        return sb.toString();
    }

    private static String opt(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private enum Style {
        MD, TEX, HTML;

        String escape(String s) {
            return switch (this) {
                case MD -> markdownEscape(s);
                case TEX -> latexEscape(s);
                case HTML -> htmlEscape(s);
            };
        }

        String pm() {
            return this == TEX ? "$\\pm$" : "±";
        }

        String bold(String s) {
            return switch (this) {
                case MD -> "**" + s + "**";
                case TEX -> "\\textbf{" + s + "}";
                case HTML -> "<b>" + s + "</b>";
            };
        }

        String dagger() {
            return switch (this) {
                case MD -> " †";
                case TEX -> "$^\\dagger$";
                case HTML -> "<sup>†</sup>";
            };
        }

        String missing() {
            return this == TEX ? "--" : "—";
        }

        String rankLabel() {
            return this == TEX ? "avg.\\ rank" : RANK_ROW;
        }
    }

    /**
     * Escapes text for a Markdown table cell: every character that gives text in a cell a meaning in Markdown
     * or inline HTML ({@code \ | < > * _ ` [ ] ~ &}) is backslash-escaped, so a label such as {@code <script>} or
     * {@code *x*} shows as written and a {@code |} never splits the cell. An underscore between two letters or
     * digits ({@code fisher_scaling}) cannot open or close emphasis in CommonMark and stays as written.
     */
    static String markdownEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean intraword = ch == '_' && i > 0 && i + 1 < s.length()
                    && Character.isLetterOrDigit(s.charAt(i - 1)) && Character.isLetterOrDigit(s.charAt(i + 1));
            if ("\\|<>*_`[]~&".indexOf(ch) >= 0 && !intraword) {
                sb.append('\\');
            }
            sb.append(ch);
        }
        return sb.toString();
    }

    /** Escapes LaTeX's special characters in text. */
    static String latexEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(ch);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** Escaped text with the footnote's symbols as math (compiles without unicode-math or inputenc tricks). */
    static String latexText(String s) {
        return latexEscape(s).replace("±", "$\\pm$").replace("†", "$^\\dagger$").replace("α", "$\\alpha$")
                .replace("×", "$\\times$").replace("<", "$<$");
    }
}
