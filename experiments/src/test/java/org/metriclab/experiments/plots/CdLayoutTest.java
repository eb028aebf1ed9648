package org.metriclab.experiments.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metriclab.eval.stats.CriticalDifference;

/**
 * The CD diagram's geometry for Demšar's (2006) worked example (Table 6, Figure 1a: four C4.5 variants on 14 data sets,
 * Nemenyi at α = 0.10), with names measured at 5 points per character so every coordinate is known.
 */
class CdLayoutTest {
    private static final List<String> NAMES = List.of("C4.5", "C4.5+m", "C4.5+cf", "C4.5+m+cf");

    @Test
    void demsarFigure1aPositionsAndBars() {
        CriticalDifference cd = CriticalDifference.nemenyi(NAMES, new double[] {3.143, 2.000, 2.893, 1.964}, 14, 0.10);
        CdLayout l = CdLayout.of(cd, 400, s -> 5.0 * s.length());
        // margins: the longest name (9 characters, 45 pt) plus 14 pt
        assertEquals(59, l.axisLeft(), 1e-12);
        assertEquals(341, l.axisRight(), 1e-12);
        // rank 4 at the left end, rank 1 at the right end (best on the right), 94 pt per rank
        assertEquals(List.of(new CdLayout.Tick(1, 341), new CdLayout.Tick(2, 247), new CdLayout.Tick(3, 153), new CdLayout.Tick(4, 59)),
                l.ticks());
        List<CdLayout.Entry> e = l.entries();
        assertEquals(List.of("C4.5+m+cf", "C4.5+m", "C4.5+cf", "C4.5"), e.stream().map(CdLayout.Entry::name).toList());
        assertEquals(59 + (4 - 1.964) / 3 * 282, e.get(0).x(), 1e-9);
        assertEquals(59 + (4 - 3.143) / 3 * 282, e.get(3).x(), 1e-9);
        // the better half goes right, the worse half left; the outermost names take the first line on each side
        assertTrue(e.get(0).rightSide() && e.get(1).rightSide() && !e.get(2).rightSide() && !e.get(3).rightSide());
        assertEquals(e.get(0).lineY(), e.get(3).lineY(), 1e-12);
        assertEquals(e.get(1).lineY(), e.get(2).lineY(), 1e-12);
        assertTrue(e.get(1).lineY() > e.get(0).lineY(), "inner names below the outer ones, so the elbows do not cross");
        // the two cliques of Figure 1(a): {C4.5+m+cf, C4.5+m, C4.5+cf} and {C4.5+cf, C4.5}, each bar 3 pt past its ends
        assertEquals(2, l.bars().size());
        assertEquals(l.x(2.893) - 3, l.bars().get(0).x1(), 1e-9);
        assertEquals(l.x(1.964) + 3, l.bars().get(0).x2(), 1e-9);
        assertEquals(l.x(3.143) - 3, l.bars().get(1).x1(), 1e-9);
        assertEquals(l.x(2.893) + 3, l.bars().get(1).x2(), 1e-9);
        assertTrue(l.bars().get(1).y() > l.bars().get(0).y(), "each bar on its own row");
        assertTrue(l.bars().get(1).y() < e.get(0).lineY(), "bars between the axis and the names");
        // the CD segment: 1.12 ranks long from the left end
        assertTrue(l.hasCd());
        assertEquals(cd.cd() / 3 * 282, l.cdRight() - l.cdLeft(), 1e-9);
        assertEquals(1.12, cd.cd(), 0.005);
    }

    @Test
    void wilcoxonHolmHasNoCdSegment() {
        double[][] scores = {{0.9, 0.5, 0.1}, {0.8, 0.6, 0.2}, {0.85, 0.4, 0.3}};
        CriticalDifference cd = CriticalDifference.of(List.of("a", "b", "c"), scores, true, CriticalDifference.PostHoc.WILCOXON_HOLM, 0.05);
        CdLayout l = CdLayout.of(cd, 300, s -> 5.0 * s.length());
        assertTrue(!l.hasCd());
        assertEquals(3, l.entries().size());
        assertTrue(l.height() > l.entries().get(0).lineY());
    }

    @Test
    void rankNumbersThinOutWhenTheyWouldOverlap() {
        CriticalDifference four = CriticalDifference.nemenyi(NAMES, new double[] {3.143, 2.000, 2.893, 1.964}, 14, 0.10);
        assertEquals(1, CdDiagram.labelStep(CdLayout.of(four, 400, s -> 5.0 * s.length()), 13));
        int k = 33;
        List<String> names = new ArrayList<>();
        double[] ranks = new double[k];
        for (int i = 0; i < k; i++) {
            names.add("learner_" + i);
            ranks[i] = 1 + i * (k - 1.0) / k;
        }
        CdLayout l = CdLayout.of(CriticalDifference.nemenyi(names, ranks, 4, 0.05), 300, s -> 5.0 * s.length());
        double spacing = (l.axisRight() - l.axisLeft()) / (k - 1);
        int step = CdDiagram.labelStep(l, 13);
        assertTrue(step > 1 && spacing * step >= 13, "step " + step + " at " + spacing + " pt per rank");
    }
}
