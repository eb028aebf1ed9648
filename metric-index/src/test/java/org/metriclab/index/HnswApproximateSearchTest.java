package org.metriclab.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metriclab.eval.RetrievalEvaluator;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.Neighbours;
import org.metriclab.eval.search.ApproximateIndex;
import org.metriclab.eval.search.ApproximateSearch;
import org.metriclab.eval.search.Degradation;
import org.metriclab.eval.search.IndexedEvaluation;
import org.metriclab.eval.search.SearchSpec;

class HnswApproximateSearchTest {
    private static final List<String> MEASURES = List.of("precision_at_1", "precision_at_10", "mean_average_precision_at_r", "r_precision");

    private static EmbeddingRows rows(Gallery g) {
        double[] d = new double[g.vectors().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = g.vectors()[i];
        }
        return EmbeddingRows.of(d, g.rows(), g.dim(), "rows");
    }

    private static int[] labels(Gallery g) {
        return g.labels().stream().mapToInt(Integer::parseInt).toArray();
    }

    @Test
    void theProviderIsFoundThroughTheServiceLoader() {
        assertInstanceOf(HnswApproximateSearch.class, ApproximateSearch.require());
    }

    @Test
    void recallIsTheShareOfBruteForceNeighboursTheIndexReturns() {
        SyntheticGallery data = new SyntheticGallery(1500, 8, 30, 1.0, 5);
        EmbeddingRows x = rows(data.gallery());
        int[] y = labels(data.gallery());
        SearchSpec.Hnsw spec = new SearchSpec.Hnsw(4, 16, List.of(4, 400), true, 10);
        Degradation d = IndexedEvaluation.run(x, y, x, null, MEASURES, 0, spec, ApproximateSearch.require());

        int[][] truth = bruteForce(x, 10);
        try (ApproximateIndex index = ApproximateSearch.require().build(x, spec)) {
            for (Degradation.Point p : d.points()) {
                Neighbours got = index.search(x, 11, p.efSearch());
                long found = 0;
                for (int q = 0; q < x.rows(); q++) {
                    Set<Integer> returned = new HashSet<>();
                    for (int i = 0; i < 11 && returned.size() < 10; i++) {
                        if (got.row(q, i) != q) {
                            returned.add(got.row(q, i));
                        }
                    }
                    found += Arrays.stream(truth[q]).filter(returned::contains).count();
                }
                assertEquals(found / (10.0 * x.rows()), p.recall(), 1e-12, "ef " + p.efSearch());
            }
        }
        Map<String, Double> exact = RetrievalEvaluator.evaluate(x, y, x, null, MEASURES, 0);
        assertEquals(exact, d.exact());
        Degradation.Point wide = d.points().get(1);
        assertTrue(wide.recall() > 0.99, "a beam over a quarter of the rows finds nearly every neighbour: " + wide.recall());
        for (String m : MEASURES) {
            assertEquals(exact.get(m), wide.approximate().get(m), 0.01, m);
        }
        assertTrue(d.points().get(0).recall() <= wide.recall());
    }

    /** Each row's 10 nearest other rows by (squared distance in float64, index). */
    private static int[][] bruteForce(EmbeddingRows x, int k) {
        int[][] out = new int[x.rows()][];
        for (int q = 0; q < x.rows(); q++) {
            double[] a = x.row(q);
            double[] d = new double[x.rows()];
            List<Integer> order = new ArrayList<>();
            for (int j = 0; j < x.rows(); j++) {
                double[] b = x.row(j);
                for (int t = 0; t < a.length; t++) {
                    d[j] += (a[t] - b[t]) * (a[t] - b[t]);
                }
                if (j != q) {
                    order.add(j);
                }
            }
            order.sort(Comparator.<Integer>comparingDouble(j -> d[j]).thenComparingInt(j -> j));
            out[q] = order.subList(0, k).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }
}
