package org.metriclab.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Publication tables against golden files (src/test/resources/golden). Three learners on three datasets with
 * four seeds; the p-values in the comments are scipy 1.17.1 {@code ttest_rel} on the same numbers, Holm by hand.
 */
class PublishedTableTest {
    static final String M = "mean_average_precision_at_r";

    static List<ResultRow> rows() {
        double[][][] v = {
            // d1: A, B, C
            {{0.90, 0.91, 0.92, 0.93}, {0.80, 0.82, 0.81, 0.83}, {0.92, 0.90, 0.91, 0.94}},
            // d2
            {{0.70, 0.72, 0.71, 0.69}, {0.75, 0.74, 0.76, 0.77}, {0.60, 0.61, 0.59, 0.62}},
            // d3
            {{0.50, 0.55, 0.52, 0.53}, {0.51, 0.56, 0.50, 0.55}, {0.40, 0.42, 0.41, 0.43}}};
        String[] ds = {"d1", "d2", "d_3"};
        String[] ls = {"A", "B", "C (k=3)"};
        String[] params = {"{\"dims\":0}", "{\"dims\":2,\"k\":3}", "{}"};
        List<ResultRow> out = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            for (int l = 0; l < 3; l++) {
                for (int s = 0; s < 4; s++) {
                    out.add(new ResultRow(ds[d], "x", ls[l], params[l], s, 0, M, v[d][l][s], 0.5 * (l + 1), ""));
                }
            }
        }
        return out;
    }

    static Tables layout() {
        return new Tables(List.of(M), "dataset", "learner", List.of("d1", "d2", "d_3"), List.of("A", "B", "C (k=3)"));
    }

    static String golden(String name) throws IOException {
        try (InputStream in = PublishedTableTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * d1: best C; A vs C p = 0.7608, B vs C p = 0.001244 → Holm 0.7608, 0.002488: A †, B not.
     * d2: best B; A vs B p = 0.02655, C vs B p = 0.000352 → Holm 0.02655, 0.000704: no †.
     * d_3: best B (0.530); A vs B p = 0.6042 → Holm 0.6042: A †; C vs B p = 0.001588 → 0.003176.
     * Ranks: d1 (C, A, B) → A 2, B 3, C 1; d2 → A 2, B 1, C 3; d_3 → A 2, B 1, C 3; averages 2.00, 1.67, 2.33.
     */
    @Test
    void significanceAndRanks() {
        PublishedTable p = layout().publish(rows(), M, PublishedTable.Options.defaults());
        assertTrue(p.notSignificantlyWorse("d1", "A"));
        assertFalse(p.notSignificantlyWorse("d1", "B"));
        assertEquals(0.002488, p.pValue("d1", "B").orElseThrow(), 2e-6);
        assertEquals(0.02655, p.pValue("d2", "A").orElseThrow(), 2e-5);
        assertFalse(p.notSignificantlyWorse("d2", "A"));
        assertTrue(p.notSignificantlyWorse("d_3", "A"));
        assertEquals(2.0, p.ranks().get("A"), 1e-12);
        assertEquals(5 / 3.0, p.ranks().get("B"), 1e-12);
        assertEquals(7 / 3.0, p.ranks().get("C (k=3)"), 1e-12);
        assertEquals(3, p.rankedRows());
        assertTrue(p.friedman().isPresent());
    }

    @Test
    void markdownLatexAndCsvMatchGoldenFiles() throws IOException {
        PublishedTable p = layout().publish(rows(), M, PublishedTable.Options.defaults().withExtras(true, true));
        assertEquals(golden("map_at_r.md"), TableFormat.MARKDOWN.render(p));
        assertEquals(golden("map_at_r.tex"), TableFormat.LATEX.render(p));
        assertEquals(golden("map_at_r.csv"), TableFormat.CSV.render(p));
    }

    @Test
    void anyKeyCanFormTheRows() {
        PublishedTable byLearner = layout().withRows("learner").publish(rows(), M, PublishedTable.Options.defaults());
        assertEquals(List.of("A", "B", "C (k=3)"), byLearner.table().rows());
        assertEquals(List.of("d1", "d2", "d_3"), byLearner.table().columns());
        PublishedTable bySeed = layout().withRows("seed").publish(rows(), M, PublishedTable.Options.defaults());
        assertEquals(List.of("0", "1", "2", "3"), bySeed.table().rows());
        assertEquals(3, bySeed.table().cell("0", "A").n(), "one value per dataset");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layout().withRows("colour"));
        assertEquals("unknown table rows 'colour'; known: dataset, learner, seed, split", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PairedSignificance.parse("anova"));
    }

    @Test
    void wilcoxonNeedsMorePairsThanFourToReject() {
        PublishedTable p = layout().publish(rows(), M, new PublishedTable.Options(PairedSignificance.WILCOXON, 0.05, false, false));
        // with 4 pairs the smallest two-sided exact p is 2/16 = 0.125, so nothing is significantly worse
        assertTrue(p.notSignificantlyWorse("d1", "B"));
        assertTrue(p.footnote("±", "†").contains("Wilcoxon signed-rank test"));
    }
}
