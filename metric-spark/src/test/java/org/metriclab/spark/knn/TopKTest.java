package org.metriclab.spark.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Per-block top-k and merging, without Spark: any partitioning and merge order gives the brute-force ranking. */
class TopKTest {
    @Test
    void mergedBlocksEqualBruteForceRankingInAnyMergeOrder() {
        SplittableRandom rnd = new SplittableRandom(3);
        int nr = 700;
        int nq = 25;
        int d = 5;
        double[] refs = new double[nr * d];
        double[] queries = new double[nq * d];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = rnd.nextInt(3);
        }
        for (int i = 0; i < queries.length; i++) {
            queries[i] = rnd.nextInt(3);
        }
        int k = 40;
        for (boolean self : new boolean[] {false, true}) {
            double[] q = self ? refs : queries;
            int n = self ? nr : nq;
            List<ReferenceBlock> blocks = ReferenceBlock.split(refs, nr, d, 6);
            TopK leftFold = blocks.get(0).search(q, k, self);
            for (int b = 1; b < blocks.size(); b++) {
                leftFold = TopK.merge(leftFold, blocks.get(b).search(q, k, self));
            }
            TopK rightFold = blocks.get(blocks.size() - 1).search(q, k, self);
            for (int b = blocks.size() - 2; b >= 0; b--) {
                rightFold = TopK.merge(blocks.get(b).search(q, k, self), rightFold);
            }
            for (int query = 0; query < n; query++) {
                int[] expected = bruteForce(q, query, refs, nr, d, k, self);
                assertArrayEquals(expected, indices(leftFold, query), "query " + query + (self ? " (self)" : ""));
                assertArrayEquals(expected, indices(rightFold, query));
            }
        }
    }

    @Test
    void mismatchedListsAndBadShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TopK.merge(TopK.empty(2, 3), TopK.empty(2, 4)));
        assertThrows(IllegalArgumentException.class, () -> ReferenceBlock.split(new double[6], 4, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> ReferenceBlock.split(new double[6], 3, 2, 0));
        assertEquals(3, ReferenceBlock.split(new double[6], 3, 2, 10).size());
    }

    private static int[] indices(TopK t, int q) {
        return IntStream.range(0, t.count(q)).map(i -> t.index(q, i)).toArray();
    }

    private static int[] bruteForce(double[] q, int query, double[] refs, int nr, int d, int k, boolean self) {
        double[] dist = new double[nr];
        for (int j = 0; j < nr; j++) {
            double s = 0;
            for (int t = 0; t < d; t++) {
                double diff = q[query * d + t] - refs[j * d + t];
                s += diff * diff;
            }
            dist[j] = s;
        }
        return IntStream.range(0, nr).filter(j -> !self || j != query).boxed()
                .sorted(Comparator.<Integer>comparingDouble(j -> dist[j]).thenComparingInt(j -> j))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }
}
