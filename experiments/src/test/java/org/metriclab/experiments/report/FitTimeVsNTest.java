package org.metriclab.experiments.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.metriclab.experiments.plots.Charts;
import org.metriclab.experiments.plots.Figure;
import org.metriclab.experiments.results.ResultRow;
import org.metriclab.experiments.results.Tables;

/** When the report draws fit time against n, and which lines it draws. */
class FitTimeVsNTest {
    private static final Tables LAYOUT = new Tables(List.of("precision_at_1", "knn_accuracy_1"), "dataset", "learner",
            List.of("iris (n=30)", "iris (n=60)", "wine (n=30)", "wine (n=60)"), List.of("fast", "slow"), true);
    private static final Tables UNSIZED = new Tables(List.of("precision_at_1", "knn_accuracy_1"), "dataset", "learner",
            List.of("iris", "wine"), List.of("fast", "slow"));

    private static ResultRow row(String dataset, String label, int n, String measure, double seconds) {
        return new ResultRow(dataset, "x", label, "{}", 0, 0, n, measure, 0.5, seconds, "");
    }

    @Test
    void sweepOfOneDatasetGivesOneLinePerLearner() {
        List<ResultRow> rows = new ArrayList<>();
        for (int n : new int[] {30, 60}) {
            for (String l : List.of("fast", "slow")) {
                rows.add(row("iris", l, n, "precision_at_1", l.equals("fast") ? 0.01 * n : 0.1 * n));
                rows.add(row("iris", l, n, "knn_accuracy_1", 99));
            }
        }
        rows.add(row("iris", "fast", 30, "precision_at_1", 0.5));
        Figure f = ReportFigures.fitTimeVsN(rows, LAYOUT, Map.of()).orElseThrow();
        assertEquals("Fit time vs training-set size", f.title());
        assertTrue(f.caption().contains("protocol.train_sizes"), f.caption());
        Map<String, Charts.Points> lines = ReportFigures.fitTimeSeries(rows, LAYOUT, Map.of());
        assertEquals(List.of("fast", "slow"), List.copyOf(lines.keySet()), "one line per learner");
        assertArrayEquals(new double[] {30, 60}, lines.get("fast").x());
        // fast at n = 30: mean of 0.3 and 0.5; only the first measure's rows count (knn_accuracy_1's 99 s are ignored)
        assertArrayEquals(new double[] {0.4, 0.6}, lines.get("fast").y(), 1e-12);
        assertArrayEquals(new double[] {3.0, 6.0}, lines.get("slow").y(), 1e-12);
    }

    @Test
    void sweepOfTwoDatasetsGivesOneLinePerLearnerAndDataset() {
        List<ResultRow> rows = new ArrayList<>();
        for (String d : List.of("iris", "wine")) {
            for (int n : new int[] {30, 60}) {
                rows.add(row(d, "fast", n, "precision_at_1", 0.001 * n));
            }
        }
        assertEquals(List.of("fast on iris", "fast on wine"), List.copyOf(ReportFigures.fitTimeSeries(rows, LAYOUT, Map.of()).keySet()));
    }

    @Test
    void oneSizeGivesNoPlotAndOldRowsUseTheDatasetSizes() {
        List<ResultRow> same = List.of(row("iris", "fast", 105, "precision_at_1", 0.1), row("wine", "fast", 105, "precision_at_1", 0.2));
        assertEquals(Optional.empty(), ReportFigures.fitTimeVsN(same, UNSIZED, Map.of()));
        List<ResultRow> old = List.of(row("iris", "fast", 0, "precision_at_1", 0.1), row("wine", "fast", 0, "precision_at_1", 0.2));
        assertEquals(Optional.empty(), ReportFigures.fitTimeVsN(old, UNSIZED, Map.of()), "n unknown: nothing to plot");
        Figure f = ReportFigures.fitTimeVsN(old, UNSIZED, Map.of("iris", 105, "wine", 124)).orElseThrow();
        assertTrue(f.caption().contains("training rows of each dataset"), f.caption());
        Charts.Points across = ReportFigures.fitTimeSeries(old, UNSIZED, Map.of("iris", 105, "wine", 124)).get("fast");
        assertArrayEquals(new double[] {105, 124}, across.x(), "without a sweep, one line per learner across the datasets");
        List<ResultRow> zero = List.of(row("iris", "fast", 30, "precision_at_1", 0), row("iris", "fast", 60, "precision_at_1", 0));
        assertEquals(Optional.empty(), ReportFigures.fitTimeVsN(zero, LAYOUT, Map.of()), "no positive fit time, no log-scale plot");
    }
}
