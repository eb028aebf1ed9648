package org.metriclab.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metriclab.experiments.results.PublishedTable;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.Tables;

class HtmlTablesAndSlopeTest {
    private static List<ResultRow> rows(List<String> datasets, int learners) {
        List<ResultRow> out = new ArrayList<>();
        for (String d : datasets) {
            for (int l = 0; l < learners; l++) {
                for (int seed = 0; seed < 2; seed++) {
                    out.add(new ResultRow(d, "x", "learner" + l, "{}", seed, 0, "precision_at_1", 0.5 + 0.01 * l + 0.001 * seed, 0.1, ""));
                }
            }
        }
        return out;
    }

    @Test
    void moreLearnersThanDatasetsPutsLearnersInRowsWithSdOnASecondLine() {
        List<String> learners = new ArrayList<>();
        for (int l = 0; l < 5; l++) {
            learners.add("learner" + l);
        }
        Tables layout = new Tables(List.of("precision_at_1"), "dataset", "learner", List.of("iris", "wine"), learners);
        PublishedTable t = layout.publish(rows(List.of("iris", "wine"), 5), "precision_at_1", PublishedTable.Options.defaults());
        String html = HtmlTables.render(t);
        assertTrue(html.contains("<thead><tr><th>learner</th><th>iris</th><th>wine</th><th>avg. rank</th></tr></thead>"), html);
        assertTrue(html.contains("<tr><th>learner4</th><td><b>0.541</b><br><small>± 0.001</small></td>"), html);
        assertTrue(html.startsWith("<div class=\"scroll\">"), "wide tables scroll in their own box");
        assertTrue(html.contains("bold: best per column"), html);
        Tables square = new Tables(List.of("precision_at_1"), "dataset", "learner", List.of("a", "b", "c"), learners.subList(0, 2));
        String kept = HtmlTables.render(square.publish(rows(List.of("a", "b", "c"), 2), "precision_at_1", PublishedTable.Options.defaults()));
        assertTrue(kept.contains("<th>dataset</th><th>learner0</th><th>learner1</th>"), "as laid out when not wider than tall: " + kept);
        assertFalse(kept.contains("best per column"));
    }

    @Test
    void logLogSlopeIsTheExponent() {
        assertEquals(2.0, CurveFigures.logLogSlope(new double[] {10, 100, 1000}, new double[] {3e-4, 3e-2, 3.0}), 1e-12);
        assertEquals(1.5, CurveFigures.logLogSlope(new double[] {4, 16}, new double[] {8, 64}), 1e-12);
        assertTrue(Double.isNaN(CurveFigures.logLogSlope(new double[] {5, 5}, new double[] {1, 2})), "one distinct n: undefined");
    }
}
