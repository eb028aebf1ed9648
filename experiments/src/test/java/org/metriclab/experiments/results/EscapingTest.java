package org.metriclab.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels that spreadsheets would execute, or that Markdown, LaTeX or HTML would interpret, are written as text. */
class EscapingTest {
    private static final String FORMULA = "=HYPERLINK(\"http://x\",\"click\")";
    private static final String SCRIPT = "<script>alert(1)</script>";

    @TempDir
    Path tmp;

    @Test
    void csvCellsThatSpreadsheetsWouldEvaluateGetALeadingQuoteButNumbersStayNumbers() {
        for (String f : List.of("=1+2", "+cmd", "-x", "@SUM(A1)", "\tx", "'quoted")) {
            assertEquals("'" + f, Csv.neutralise(f), f);
        }
        for (String n : List.of("-0.5", "-1.0E-4", "+3", "-Infinity", "NaN", "0.25", "euclidean", "", "a=b")) {
            assertEquals(n, Csv.neutralise(n), n);
        }
        List<String> fields = List.of(FORMULA, "-0.5", "'=x", "plain", "@a,b", "-");
        String line = Csv.line(fields);
        assertTrue(line.startsWith("\"'=HYPERLINK(") && line.contains(",-0.5,"), line);
        assertEquals(fields, Csv.parse(line), "every field reads back as it was");
    }

    @Test
    void rowsCsvAndTableCsvNeutraliseAFormulaLabelAndResumeStillMatchesIt() throws Exception {
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir);
        List<String> measures = List.of("precision_at_1");
        ResultRow row = new ResultRow("iris", "euclidean", FORMULA, "{}", 0, 0, 100, "precision_at_1", -0.5, 0.01, "");
        try (TrialLog log = TrialLog.create(dir)) {
            log.append(List.of(row), List.of());
        }
        String text = Files.readString(dir.resolve(TrialLog.ROWS));
        assertTrue(text.contains(",\"'=HYPERLINK(") && text.contains(",-0.5,"), text);
        assertEquals(List.of(row), TrialLog.read(dir.resolve(TrialLog.ROWS)));
        var complete = new HashSet<TrialKey>();
        TrialLog.resume(dir, measures, complete).close();
        assertEquals(row.key(), complete.iterator().next(), "the resumed key is the label as configured");

        Tables layout = new Tables(measures, "dataset", "learner", List.of("iris"), List.of(FORMULA));
        String csv = TableFormat.CSV.render(layout.publish(List.of(row), "precision_at_1", PublishedTable.Options.defaults()));
        assertTrue(csv.lines().skip(1).allMatch(l -> l.startsWith("iris,\"'=HYPERLINK(")), csv);
    }

    @Test
    void markdownLatexAndHtmlTablesEscapeTheirSpecialCharacters() {
        String label = SCRIPT + " *b* _i_ `c` [l](u) a|b & 50% $x$ #1 ~ ^ \\";
        ResultRow row = new ResultRow("iris", "euclidean", label, "{}", 0, 0, 100, "precision_at_1", 0.5, 0.01, "");
        Tables layout = new Tables(List.of("precision_at_1"), "dataset", "learner", List.of("iris"), List.of(label));
        PublishedTable p = layout.publish(List.of(row), "precision_at_1", PublishedTable.Options.defaults());

        String md = TableFormat.MARKDOWN.render(p);
        assertTrue(md.contains("| dataset | \\<script\\>alert(1)\\</script\\> \\*b\\* \\_i\\_ \\`c\\` \\[l\\](u) a\\|b \\& 50% $x$ #1 \\~ ^ \\\\ |"), md);
        assertFalse(md.contains("<script>"), md);

        String tex = TableFormat.LATEX.render(p);
        assertTrue(tex.contains("\\_i\\_") && tex.contains("a|b \\& 50\\% \\$x\\$ \\#1 \\textasciitilde{} \\textasciicircum{} \\textbackslash{}"), tex);

        String html = TableFormat.HTML.render(p);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains(SCRIPT), html);
    }
}
