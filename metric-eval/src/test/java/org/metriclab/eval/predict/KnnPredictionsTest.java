package org.metriclab.eval.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.ExactNeighbours;
import org.metriclab.eval.knn.Neighbours;
import org.metriclab.eval.knn.ReferenceTiles;

class KnnPredictionsTest {
    @Test
    void handComputedVoteTieAndDistanceRatio() {
        // one query; neighbours (nearest first): label 2 at d²=1, label 1 at d²=4, label 1 at d²=9, label 2 at d²=16
        Neighbours hits = new Neighbours(1, 4, new int[] {0, 1, 2, 3}, new double[] {1, 4, 9, 16});
        int[] labels = {2, 1, 1, 2};
        KnnPredictions vote = KnnPredictions.of(hits, labels, Confidence.VOTE);
        assertEquals(2, vote.labels()[0], "a 2–2 tie goes to the label of the nearest neighbour");
        assertEquals(0.5, vote.confidence()[0]);
        assertEquals(1.0, vote.nearest()[0]);
        KnnPredictions ratio = KnnPredictions.of(hits, labels, Confidence.DISTANCE_RATIO);
        assertEquals(2 / 3.0, ratio.confidence()[0], 1e-15, "d_other 2 / (d_pred 1 + d_other 2)");
        KnnPredictions alone = KnnPredictions.of(new Neighbours(1, 2, new int[] {0, 3}, new double[] {0, 0}), labels, Confidence.DISTANCE_RATIO);
        assertEquals(1.0, alone.confidence()[0], "no other label among the neighbours");
    }

    @Test
    void matchesBruteForceVotesOverTheExactNeighbours() {
        Random rnd = new Random(4);
        for (int trial = 0; trial < 30; trial++) {
            int nq = 1 + rnd.nextInt(20);
            int nr = 5 + rnd.nextInt(60);
            int k = 1 + rnd.nextInt(Math.min(9, nr));
            double[] q = new double[nq * 2];
            double[] r = new double[nr * 2];
            Arrays.setAll(q, i -> rnd.nextInt(5));
            Arrays.setAll(r, i -> rnd.nextInt(5));
            int[] labels = new int[nr];
            Arrays.setAll(labels, i -> rnd.nextInt(3));
            Neighbours hits = ExactNeighbours.search(EmbeddingRows.of(q, nq, 2, "q"), new ReferenceTiles(EmbeddingRows.of(r, nr, 2, "r")), k);
            KnnPredictions p = KnnPredictions.of(hits, labels, Confidence.VOTE);
            for (int i = 0; i < nq; i++) {
                Integer[] order = new Integer[nr];
                double[] d = new double[nr];
                for (int j = 0; j < nr; j++) {
                    double a = q[2 * i] - r[2 * j];
                    double b = q[2 * i + 1] - r[2 * j + 1];
                    d[j] = a * a + b * b;
                    order[j] = j;
                }
                Arrays.sort(order, (x, y) -> d[x] != d[y] ? Double.compare(d[x], d[y]) : Integer.compare(x, y));
                int[] count = new int[3];
                int[] firstRank = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
                for (int n = 0; n < k; n++) {
                    int l = labels[order[n]];
                    count[l]++;
                    firstRank[l] = Math.min(firstRank[l], n);
                }
                int best = 0;
                for (int l = 1; l < 3; l++) {
                    if (count[l] > count[best] || (count[l] == count[best] && firstRank[l] < firstRank[best])) {
                        best = l;
                    }
                }
                assertEquals(best, p.labels()[i], "trial " + trial + " query " + i);
                assertEquals(count[best] / (double) k, p.confidence()[i]);
                assertEquals(d[order[0]], p.nearest()[i]);
            }
        }
        assertArrayEquals(new int[0], KnnPredictions.of(new Neighbours(0, 1, new int[0], new double[0]), new int[0], Confidence.VOTE).labels());
    }
}
