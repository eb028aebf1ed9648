package org.metriclab.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.ColumnGroup;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.data.Views;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.experiments.config.Preprocessing;

class PipelineViewsTest {
    /** Column 1 is constant, so standardisation drops it. */
    private static Dataset data() {
        Matrix x = Matrix.of(new double[][] {{1, 5, 2, 0}, {2, 5, 1, 3}, {4, 5, 0, 1}, {3, 5, 5, 2}});
        Views v = new Views(List.of(ColumnGroup.range("a", 0, 1), ColumnGroup.range("b", 2, 3)));
        return new Dataset("toy", x, Labels.of(0, 1, 0, 1)).withViews(v).withPrivileged(Matrix.of(new double[][] {{1}, {2}, {3}, {4}}));
    }

    private static List<Dataset> seen(Preprocessing pre) {
        List<Dataset> seen = new ArrayList<>();
        MetricLearner<MahalanobisMetric> recorder = (train, ctx) -> {
            seen.add(train);
            return MahalanobisMetric.identity(train.dim());
        };
        Pipeline.fit(data(), pre, recorder, FitContext.seeded(0));
        return seen;
    }

    @Test
    void standardisingRenumbersTheViewsOverTheKeptColumnsAndKeepsPrivilegedColumns() {
        Dataset t = seen(new Preprocessing(true, 0)).get(0);
        assertEquals(3, t.dim());
        assertArrayEquals(new int[] {0}, t.views().get(0).columns());
        assertArrayEquals(new int[] {1, 2}, t.views().get(1).columns());
        assertEquals(data().privileged(), t.privileged());
    }

    @Test
    void pcaComponentsCarryNoViews() {
        assertTrue(seen(new Preprocessing(false, 4)).get(0).views().isEmpty());
        assertEquals(2, seen(new Preprocessing(false, 0)).get(0).views().count());
    }
}
