package org.metriclab.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metriclab.core.data.ClassDictionary;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.eval.knn.Neighbours;

class MapAtRTest {
    @TempDir
    Path tmp;

    @Test
    void handComputedMapAtRFromTruncatedLists() {
        Gallery gallery = new Gallery(new float[3], 3, 1, List.of("a", "a", "b"));
        Gallery query = new Gallery(new float[1], 1, 1, List.of("a"));
        // R = 2; the first two positions hold a, b: one relevant row at rank 1, the other beyond R
        assertEquals(0.5, RecallSweep.mapAtR(new Neighbours(1, 3, new int[] {0, 2, 1}, new double[3]), query, gallery));
        assertEquals(1.0, RecallSweep.mapAtR(new Neighbours(1, 2, new int[] {1, 0}, new double[2]), query, gallery));
        assertEquals(2, RecallSweep.relevantDepth(query, gallery, 3));
    }

    @Test
    void exactMapAtREqualsTheRetrievalEvaluatorsAndTheWidestBeamMatchesIt() throws IOException {
        SyntheticGallery data = new SyntheticGallery(600, 6, 12, 1.0, 5);
        Gallery g = data.gallery();
        Gallery q = data.queries(40);
        List<SweepPoint> points = RecallSweep.run(g, q, 5, List.of(new HnswParams(8, 40)), List.of(600), tmp, p -> { });
        ClassDictionary classes = ClassDictionary.of(g.labels());
        double expected = RetrievalEvaluator.evaluate(widened(q), classes.encode(q.labels()), widened(g), classes.encode(g.labels()),
                List.of("mean_average_precision_at_r"), 0).get("mean_average_precision_at_r");
        assertEquals(expected, points.get(0).mapAtR().exact(), 1e-12);
        assertEquals(expected, points.get(0).mapAtR().approx(), 1e-12);
    }

    private static Matrix widened(Gallery g) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < g.rows(); i++) {
            double[] r = new double[g.dim()];
            for (int t = 0; t < g.dim(); t++) {
                r[t] = g.vectors()[i * g.dim() + t];
            }
            rows.add(r);
        }
        return Matrix.of(rows.toArray(double[][]::new));
    }
}
