package org.metriclab.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metriclab.eval.MeasureDirection;

/**
 * Tables read each measure in its direction: an error rate (eer) has its lowest mean bold, ranked 1 and tested against;
 * a threshold (eer_threshold) is shown without a best cell, a marker, a test or a rank. Hand-computed case: two datasets,
 * three learners, two seeds.
 */
class MeasureDirectionTableTest {
    /** d1 means A .110, B .210, C .305; d2 means A .260, B .155, C .355. */
    private static final double[][][] VALUES = {
        {{0.10, 0.12}, {0.20, 0.22}, {0.30, 0.31}},
        {{0.25, 0.27}, {0.15, 0.16}, {0.35, 0.36}}};
    private static final List<String> LEARNERS = List.of("A", "B", "C");

    private static List<ResultRow> rows(String measure) {
        List<ResultRow> out = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            for (int l = 0; l < 3; l++) {
                for (int s = 0; s < 2; s++) {
                    out.add(new ResultRow("d" + (d + 1), "x", LEARNERS.get(l), "{}", s, 0, measure, VALUES[d][l][s], 1.0, ""));
                }
            }
        }
        return out;
    }

    private static PublishedTable publish(String measure) {
        Tables layout = new Tables(List.of(measure), "dataset", "learner", List.of("d1", "d2"), LEARNERS);
        return layout.publish(rows(measure), measure, PublishedTable.Options.defaults());
    }

    /**
     * Lowest first: d1 ranks A 1, B 2, C 3; d2 ranks B 1, A 2, C 3; averages A 1.5, B 1.5, C 3 (read highest first they
     * would be 2.5, 2.5, 1). The best of d1 is A, so B and C are tested against A there.
     */
    @Test
    void anErrorRateRanksTheLowestFirst() {
        PublishedTable p = publish("eer");
        ResultTable t = p.table();
        assertEquals(MeasureDirection.LOWER_IS_BETTER, t.direction());
        assertTrue(t.isBest("d1", "A"));
        assertFalse(t.isBest("d1", "C"));
        assertTrue(t.isBest("d2", "B"));
        assertEquals(1.5, p.ranks().get("A"), 1e-12);
        assertEquals(1.5, p.ranks().get("B"), 1e-12);
        assertEquals(3.0, p.ranks().get("C"), 1e-12);
        assertTrue(p.pValue("d1", "B").isPresent() && p.pValue("d1", "C").isPresent());
        assertTrue(p.pValue("d1", "A").isEmpty(), "the best cell is not tested against itself");
        assertTrue(p.pValue("d2", "B").isEmpty());
        assertTrue(p.friedman().isPresent());
        String md = TableFormat.MARKDOWN.render(p);
        assertTrue(md.contains("| d1 | **0.110 ± 0.014** |"), md);
        assertTrue(md.contains("| 1.50 | 1.50 | 3.00 |"), md);
        assertTrue(p.footnote("±", "†").contains("bold: best per row (lowest mean: lower is better)"), p.footnote("±", "†"));
        assertTrue(p.footnote("±", "†").contains("(1 = best, the lowest)"), p.footnote("±", "†"));
    }

    @Test
    void aScoreStillRanksTheHighestFirst() {
        PublishedTable p = publish("tar_at_far_0_01");
        assertTrue(p.table().isBest("d1", "C"));
        assertEquals(2.5, p.ranks().get("A"), 1e-12);
        assertEquals(1.0, p.ranks().get("C"), 1e-12);
    }

    @Test
    void aThresholdIsNeverBoldedRankedOrTested() {
        PublishedTable p = publish("eer_threshold");
        ResultTable t = p.table();
        assertEquals(MeasureDirection.NOT_RANKED, t.direction());
        for (String d : List.of("d1", "d2")) {
            for (String l : LEARNERS) {
                assertFalse(t.isBest(d, l), d + " " + l);
                assertFalse(p.notSignificantlyWorse(d, l), d + " " + l);
                assertTrue(p.pValue(d, l).isEmpty(), d + " " + l);
            }
        }
        assertTrue(p.ranks().isEmpty());
        assertTrue(p.friedman().isEmpty());
        for (TableFormat f : List.of(TableFormat.MARKDOWN, TableFormat.LATEX, TableFormat.HTML)) {
            String text = f.render(p);
            assertFalse(text.contains("**") || text.contains("\\textbf") || text.contains("<b>") || text.contains("†</sup>")
                    || text.contains("avg. rank |") || text.contains("avg.\\ rank &"), f + ": " + text);
        }
        assertFalse(TableFormat.CSV.render(p).contains(",true,"), TableFormat.CSV.render(p));
        assertTrue(p.footnote("±", "†").contains("not ranked"), p.footnote("±", "†"));
    }
}
