package org.metriclab.eval.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.metriclab.eval.Measure;
import org.metriclab.eval.RankMeasure;

/**
 * The mergeable top-k: the top-k lists of reference parts, merged in any order, equal the top-k over all the
 * references, and the measures determined by the nearest references, computed from the merged list, equal the
 * local engine's values bit for bit — on data with exact ties, duplicates and Gram cancellation, in both modes.
 */
class TopKTest {
    private static final List<Measure> NEAREST = Stream.of("precision_at_1", "precision_at_5", "recall_at_3", "recall_at_40",
            "knn_accuracy_1", "knn_accuracy_4", "knn_accuracy_7").map(Measure::parse).toList();

    /** n × d points offset + small integer steps · scale: many exact ties; large offsets stress the Gram guard. */
    private static EmbeddingRows points(SplittableRandom rnd, int n, int d, double offset, double scale) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = offset + scale * rnd.nextInt(-2, 3);
        }
        return EmbeddingRows.of(x, n, d, "x");
    }

    private static int[] labels(SplittableRandom rnd, int n, int classes) {
        return rnd.ints(n, 0, classes).toArray();
    }

    /** The parts' top-k lists (cut at the given reference boundaries), merged from the last part to the first. */
    private static TopK merged(EmbeddingRows q, EmbeddingRows r, boolean self, int k, int... cuts) {
        TopK out = null;
        for (int p = cuts.length - 2; p >= 0; p--) {
            int a = cuts[p];
            int b = cuts[p + 1];
            TopK part = RankEngine.nearest(q, 0, q.rows(), new ReferenceTiles(r.rows(a, b)), a, self, k);
            out = out == null ? part : out.merge(part);
        }
        return out;
    }

    @Test
    void mergedPartsEqualTheWholeAndGiveTheLocalValues() {
        SplittableRandom rnd = new SplittableRandom(16);
        for (double[] c : new double[][] {{0, 1}, {1e8, 1}, {1e6, 1e-3}}) {
            for (boolean self : new boolean[] {false, true}) {
                int nr = 700 + rnd.nextInt(200);
                int d = 1 + rnd.nextInt(5);
                EmbeddingRows r = points(rnd, nr, d, c[0], c[1]);
                int[] rl = labels(rnd, nr, 4);
                EmbeddingRows q = self ? r : points(rnd, 90, d, c[0], c[1]);
                int[] ql = self ? rl : labels(rnd, 90, 5); // label 4: lone queries
                int k = 40;
                TopK whole = RankEngine.nearest(q, 0, q.rows(), new ReferenceTiles(r), 0, self, k);
                int cut = 1 + rnd.nextInt(nr - 2);
                TopK two = merged(q, r, self, k, 0, cut, nr);
                TopK five = merged(q, r, self, k, 0, 3, cut / 2 + 3, cut + 1, nr - 1, nr);
                String what = "offset " + c[0] + (self ? " self" : " query");
                assertEquals(whole, two, what);
                assertEquals(whole, five, what);
                double[] local = RankEngine.perQuery(q, ql, new ReferenceTiles(r), rl, self, NEAREST, 0, q.rows(), n -> { });
                double[] fromTopK = RankEngine.perQuery(five, ql, rl, self, NEAREST);
                assertArrayEquals(local, fromTopK, what);
                assertTrue(Arrays.stream(local).anyMatch(v -> v > 0 && v < 1), what);
            }
        }
    }

    @Test
    void aTopKHoldingEveryReferenceGivesTheWholeRanking() {
        SplittableRandom rnd = new SplittableRandom(3);
        EmbeddingRows x = points(rnd, 60, 2, 0, 1);
        int[] y = labels(rnd, 60, 3);
        List<Measure> deep = Stream.of("precision_at_100", "recall_at_70", "knn_accuracy_80", "precision_at_2")
                .map(Measure::parse).toList();
        double[] local = RankEngine.perQuery(x, y, new ReferenceTiles(x), y, true, deep, 0, 60, n -> { });
        assertArrayEquals(local, RankEngine.perQuery(merged(x, x, true, 100, 0, 17, 60), y, y, true, deep));
    }

    @Test
    void measuresThatReadTheWholeRankingAreRefused() {
        SplittableRandom rnd = new SplittableRandom(4);
        EmbeddingRows x = points(rnd, 30, 2, 0, 1);
        int[] y = labels(rnd, 30, 3);
        TopK top = merged(x, x, true, 5, 0, 30);
        for (String name : List.of("r_precision", "mean_average_precision_at_r", "mean_reciprocal_rank", "precision_at_6",
                "knn_accuracy_9")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RankEngine.perQuery(top, y, y, true, List.of(Measure.parse(name))));
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains("5 nearest"), e.getMessage());
        }
    }

    /** A measure that claims to need the 3 nearest but reads the first relevant rank, wherever it is. */
    private record Misdeclared() implements RankMeasure {
        @Override
        public OptionalInt nearestOnly() {
            return OptionalInt.of(3);
        }

        @Override
        public double of(RankedHits hits) {
            return hits.firstRelevantRank();
        }
    }

    @Test
    void readingBeyondTheKnownNearestThrowsInsteadOfGuessing() {
        // one query at 0, relevant reference (label 1) at distance 100, three others (label 0) nearer
        EmbeddingRows r = EmbeddingRows.of(new double[] {1, 2, 3, 10}, 4, 1, "r");
        EmbeddingRows q = EmbeddingRows.of(new double[] {0}, 1, 1, "q");
        int[] rl = {0, 0, 0, 1};
        TopK top = RankEngine.nearest(q, 0, 1, new ReferenceTiles(r), 0, false, 3);
        assertEquals(List.of(0, 1, 2), List.of(top.index(0, 0), top.index(0, 1), top.index(0, 2)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RankEngine.perQuery(top, new int[] {1}, rl, false, List.of(new Misdeclared())));
        assertTrue(e.getMessage().contains("only the 3 nearest"), e.getMessage());
        assertArrayEquals(new double[] {0.0, 0.0}, RankEngine.perQuery(top, new int[] {1}, rl, false,
                List.of(Measure.parse("recall_at_3"), Measure.parse("precision_at_3"))));
    }

    @Test
    void mergingListsOfOtherQueriesOrDepthsIsRefused() {
        EmbeddingRows x = EmbeddingRows.of(new double[] {0, 1, 2, 3}, 4, 1, "x");
        TopK a = RankEngine.nearest(x, 0, 4, new ReferenceTiles(x), 0, true, 2);
        assertThrows(IllegalArgumentException.class, () -> a.merge(RankEngine.nearest(x, 0, 4, new ReferenceTiles(x), 0, true, 3)));
        assertThrows(IllegalArgumentException.class, () -> a.merge(RankEngine.nearest(x, 1, 4, new ReferenceTiles(x), 0, true, 2)));
    }
}
