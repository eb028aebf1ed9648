package org.metriclab.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableFormatTest {
    private static ResultRow row(String dataset, String label, long seed, double value) {
        return new ResultRow(dataset, "x", label, "{}", seed, 0, "precision_at_1", value, 0.1, "");
    }

    private static final List<ResultRow> ROWS = List.of(
            row("iris", "euclidean", 0, 0.75), row("iris", "euclidean", 1, 0.25),
            row("iris", "lfda (k=3)", 0, 0.95), row("iris", "lfda (k=3)", 1, 0.95),
            row("a_b&c", "euclidean", 0, 0.5),
            row("a_b&c", "lfda (k=3)", 0, Double.NaN),
            new ResultRow("iris", "x", "euclidean", "{}", 0, 0, "other_measure", 0.1, 0.1, ""));

    private static Tables layout() {
        return new Tables(List.of("precision_at_1"), "dataset", "learner", List.of("iris", "a_b&c"), List.of("euclidean", "lfda (k=3)"));
    }

    private static ResultTable table() {
        return layout().pivot(ROWS, "precision_at_1");
    }

    private static PublishedTable published() {
        return layout().publish(ROWS, "precision_at_1", PublishedTable.Options.defaults());
    }

    @Test
    void cellsSummariseMeanSampleSdAndCount() {
        ResultTable t = table();
        ResultTable.Cell c = t.cell("iris", "euclidean");
        assertEquals(2, c.n());
        assertEquals(0.5, c.mean(), 1e-12);
        assertEquals(Math.sqrt(0.125), c.sd(), 1e-12);
        assertEquals(null, t.cell("a_b&c", "lfda (k=3)"), "failed trials (NaN) are left out");
    }

    @Test
    void markdownBoldsTheBestMarksTiesWithBestAndRanksInConfigOrder() {
        assertEquals("""
                | dataset | euclidean | lfda (k=3) |
                |---|---|---|
                | iris | 0.500 ± 0.354 † | **0.950 ± 0.000** |
                | a_b\\&c | **0.500 (1)** | — |
                | avg. rank | 2.00 | 1.00 |
                
                precision_at_1: mean ± sample sd over seeds × splits (n = 2 unless shown in parentheses); bold: best per row; †: not significantly worse than the best (two-sided paired t-test over matching seeds × splits, Holm-corrected per row, α = 0.05); avg. rank: mean rank over the 1 row with every column (1 = best). precision_at_1: pml convention (relevant among the 1 nearest / 1, R = relevant references; queries without one left out).
                """, TableFormat.MARKDOWN.render(published()));
    }

    @Test
    void latexEscapesSpecialCharacters() {
        assertEquals("""
                % precision\\_at\\_1 (needs \\usepackage{booktabs})
                \\begin{tabular}{lcc}
                \\toprule
                dataset & euclidean & lfda (k=3) \\\\
                \\midrule
                iris & 0.500 $\\pm$ 0.354$^\\dagger$ & \\textbf{0.950 $\\pm$ 0.000} \\\\
                a\\_b\\&c & \\textbf{0.500 (1)} & -- \\\\
                \\midrule
                avg.\\ rank & 2.00 & 1.00 \\\\
                \\bottomrule
                \\end{tabular}
                
                \\smallskip
                {\\footnotesize precision\\_at\\_1: mean $\\pm$ sample sd over seeds $\\times$ splits (n = 2 unless shown in parentheses); bold: best per row; $^\\dagger$: not significantly worse than the best (two-sided paired t-test over matching seeds $\\times$ splits, Holm-corrected per row, $\\alpha$ = 0.05); avg. rank: mean rank over the 1 row with every column (1 = best). precision\\_at\\_1: pml convention (relevant among the 1 nearest / 1, R = relevant references; queries without one left out).}
                """, TableFormat.LATEX.render(published()));
        assertEquals("100\\% \\textasciitilde{}\\textbackslash{}x\\#\\{\\}", TableFormat.latexEscape("100% ~\\x#{}"));
    }

    @Test
    void csvIsLongFormWithQuoting() {
        assertEquals("""
                dataset,learner,measure,mean,sd,n,ci95_low,ci95_high,best,not_significantly_worse,p_holm,avg_rank,fit_seconds,dims
                iris,euclidean,precision_at_1,0.5,0.3535533905932738,2,-2.676551184043686,3.676551184043686,false,true,0.3228289344341902,2.0,,
                iris,lfda (k=3),precision_at_1,0.95,0.0,2,0.95,0.95,true,false,,1.0,,
                a_b&c,euclidean,precision_at_1,0.5,,1,,,true,false,,2.0,,
                """, TableFormat.CSV.render(published()));
        assertEquals("\"a,b\",\"say \"\"hi\"\"\",plain", Csv.line(List.of("a,b", "say \"hi\"", "plain")));
        assertEquals(List.of("a,b", "say \"hi\"", "plain", ""), Csv.parse("\"a,b\",\"say \"\"hi\"\"\",plain,"));
    }
}
