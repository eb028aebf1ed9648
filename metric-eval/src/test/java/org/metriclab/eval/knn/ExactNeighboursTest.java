package org.metriclab.eval.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactNeighboursTest {
    @Test
    void matchesAFullSortByDistanceThenIndexOnTiedIntegerPoints() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            int nq = 1 + rnd.nextInt(30);
            int nr = 1 + rnd.nextInt(1200);
            int dim = 1 + rnd.nextInt(4);
            int k = 1 + rnd.nextInt(nr);
            double[] q = new double[nq * dim];
            double[] r = new double[nr * dim];
            Arrays.setAll(q, i -> rnd.nextInt(3));
            Arrays.setAll(r, i -> rnd.nextInt(3));
            Neighbours got = ExactNeighbours.search(EmbeddingRows.of(q, nq, dim, "q"), new ReferenceTiles(EmbeddingRows.of(r, nr, dim, "r")), k);
            for (int i = 0; i < nq; i++) {
                double[] d = new double[nr];
                Integer[] order = new Integer[nr];
                for (int j = 0; j < nr; j++) {
                    for (int t = 0; t < dim; t++) {
                        double diff = q[i * dim + t] - r[j * dim + t];
                        d[j] += diff * diff;
                    }
                    order[j] = j;
                }
                Arrays.sort(order, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
                for (int n = 0; n < k; n++) {
                    assertEquals(order[n], got.row(i, n), "trial " + trial + " query " + i + " rank " + n);
                    assertEquals(d[order[n]], got.distance(i, n));
                }
            }
        }
    }

    @Test
    void recallCountsTheExactNeighboursFoundAndKBeyondTheGalleryIsRefused() {
        Neighbours exact = new Neighbours(2, 2, new int[] {0, 1, 2, 3}, new double[4]);
        Neighbours approx = new Neighbours(2, 2, new int[] {1, 5, 3, 2}, new double[4]);
        assertEquals(0.75, approx.recallAgainst(exact));
        assertArrayEquals(new int[] {0, 1, 2, 3}, exact.rows());
        EmbeddingRows one = EmbeddingRows.of(new double[] {1, 2}, 1, 2, "q");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExactNeighbours.search(one, new ReferenceTiles(one), 2));
        assertEquals("k = 2 must be between 1 and the 1 gallery rows; ask for fewer neighbours or add gallery rows", e.getMessage());
    }
}
