package org.metriclab.spark.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.eval.knn.EmbeddingRows;
import org.metriclab.eval.knn.ReferenceTiles;

/** Pair counts over query ranges and positive chunks, without Spark, against the O(P·N) brute-force pair count. */
class PairAucTest {
    @Test
    void chunkedBlockCountsEqualAllPairs() {
        SplittableRandom rnd = new SplittableRandom(12);
        int nr = 120;
        int nq = 30;
        int d = 2;
        for (boolean ties : new boolean[] {true, false}) {
            double[] refs = new double[nr * d];
            double[] queries = new double[nq * d];
            for (int i = 0; i < refs.length; i++) {
                refs[i] = ties ? rnd.nextInt(3) : rnd.nextGaussian();
            }
            for (int i = 0; i < queries.length; i++) {
                queries[i] = ties ? rnd.nextInt(3) : rnd.nextGaussian();
            }
            int[] rl = new int[nr];
            for (int j = 0; j < nr; j++) {
                rl[j] = rnd.nextInt(3);
            }
            int[] ql = new int[nq];
            for (int i = 0; i < nq; i++) {
                ql[i] = rnd.nextInt(4);
            }
            for (boolean self : new boolean[] {false, true}) {
                double[] q = self ? refs : queries;
                int[] labels = self ? rl : ql;
                long[] expected = bruteForce(q, labels, refs, rl, d, self);
                long[] pairs = PairAuc.pairs(labels, rl, self);
                assertEquals(expected[2], pairs[0]);
                assertEquals(expected[3], pairs[1]);
                EmbeddingRows refEmbeddings = EmbeddingRows.of(refs, nr, d, "references");
                EmbeddingRows queryEmbeddings = self ? refEmbeddings : EmbeddingRows.of(q, labels.length, d, "queries");
                RetrievalInputs in = new RetrievalInputs(queryEmbeddings, labels, new ReferenceTiles(refEmbeddings), rl, self);
                List<RowRange> blocks = RowRange.split(labels.length, 4);
                PairAuc.KeyCounts hist = PairAuc.histogram(in, blocks.get(0));
                for (int b = 1; b < blocks.size(); b++) {
                    hist = PairAuc.KeyCounts.merge(PairAuc.histogram(in, blocks.get(b)), hist);
                }
                assertEquals(pairs[0], java.util.Arrays.stream(hist.counts()).sum());
                // ties put many positives on one key; continuous data is cut into several chunks
                long chunk = ties ? pairs[0] : Math.max(1, pairs[0] / 6);
                List<int[]> ranges = PairAuc.ranges(hist, chunk);
                assertTrue(ties || ranges.size() >= 6, ranges.size() + " ranges");
                long[] counts = new long[2];
                for (int[] r : ranges) {
                    List<double[]> parts = new ArrayList<>();
                    for (RowRange b : blocks) {
                        parts.add(PairAuc.positives(in, b, r[0], r[1]));
                    }
                    SortedRun positives = PairAuc.sorted(parts);
                    assertTrue(positives.size() <= chunk);
                    for (RowRange b : blocks) {
                        counts = PairAuc.addCounts(counts, PairAuc.count(in, b, positives));
                    }
                }
                assertArrayEquals(new long[] {expected[0], expected[1]}, counts, "ties " + ties + ", self " + self);
            }
        }
    }

    @Test
    void aucFromCountsAndDegenerateCases() {
        assertEquals(0.75, PairAuc.auc(2, 2, 2, 2));
        assertTrue(Double.isNaN(PairAuc.auc(0, 0, 0, 5)));
        assertTrue(Double.isNaN(PairAuc.auc(0, 0, 5, 0)));
        PairAuc.KeyCounts hist = PairAuc.KeyCounts.merge(new PairAuc.KeyCounts(new int[] {3, 9}, new long[] {7, 2}),
                new PairAuc.KeyCounts(new int[] {1, 9}, new long[] {1, 3}));
        assertArrayEquals(new int[] {1, 3, 9}, hist.keys());
        assertArrayEquals(new long[] {1, 7, 5}, hist.counts());
        assertThrows(IllegalArgumentException.class, () -> PairAuc.ranges(hist, 6));
        // 1 + 7 > 7: a cut before key 3, and 7 + 5 > 7: another before key 9
        assertEquals(List.of(List.of(0, 3), List.of(3, 9), List.of(9, PairAuc.KEYS)),
                PairAuc.ranges(hist, 7).stream().map(r -> List.of(r[0], r[1])).toList());
    }

    /** {#(pos, neg) with d_pos < d_neg, # with d_pos = d_neg, P, N} over all pairs. */
    private static long[] bruteForce(double[] q, int[] ql, double[] refs, int[] rl, int d, boolean self) {
        double[] pos = new double[ql.length * rl.length];
        double[] neg = new double[ql.length * rl.length];
        int np = 0;
        int nn = 0;
        for (int i = 0; i < ql.length; i++) {
            for (int j = 0; j < rl.length; j++) {
                if (self && i == j) {
                    continue;
                }
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double e = q[i * d + t] - refs[j * d + t];
                    s += e * e;
                }
                if (rl[j] == ql[i]) {
                    pos[np++] = s;
                } else {
                    neg[nn++] = s;
                }
            }
        }
        long less = 0;
        long equal = 0;
        for (int a = 0; a < np; a++) {
            for (int b = 0; b < nn; b++) {
                less += pos[a] < neg[b] ? 1 : 0;
                equal += pos[a] == neg[b] ? 1 : 0;
            }
        }
        return new long[] {less, equal, np, nn};
    }
}
