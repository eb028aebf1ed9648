package org.metriclab.spark.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Relevant lists and rank counts over reference blocks, without Spark, against a brute-force full sort of every
 * query's distances: every relevant reference's rank, and the average precision, in batches and any merge order.
 */
class FullRanksTest {
    @Test
    void ranksOverBlocksEqualBruteForceSorting() {
        SplittableRandom rnd = new SplittableRandom(8);
        int nr = 530;
        int nq = 40;
        int d = 3;
        double[] refs = new double[nr * d];
        double[] queries = new double[nq * d];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = rnd.nextInt(3);
        }
        for (int i = 0; i < queries.length; i++) {
            queries[i] = rnd.nextInt(3);
        }
        int[] rl = new int[nr];
        for (int j = 0; j < nr; j++) {
            rl[j] = rnd.nextInt(4);
        }
        int[] ql = new int[nq];
        for (int i = 0; i < nq; i++) {
            ql[i] = rnd.nextInt(5);
        }
        for (boolean self : new boolean[] {false, true}) {
            double[] q = self ? refs : queries;
            int[] labels = self ? rl : ql;
            int n = self ? nr : nq;
            List<ReferenceBlock> blocks = ReferenceBlock.split(refs, nr, d, 5);
            double[] ap = new double[n];
            long[] first = new long[n];
            List<int[]> batches = FullRanks.batches(labels, rl, self, 300);
            int covered = 0;
            for (int[] ids : batches) {
                covered += ids.length;
                RelevantLists lists = RelevantLists.gather(blocks.get(blocks.size() - 1), q, ids, labels, rl, self);
                for (int b = blocks.size() - 2; b >= 0; b--) {
                    lists = RelevantLists.merge(RelevantLists.gather(blocks.get(b), q, ids, labels, rl, self), lists);
                }
                int[] before = FullRanks.count(blocks.get(0), q, ids, labels, rl, lists);
                for (int b = 1; b < blocks.size(); b++) {
                    before = FullRanks.add(before, FullRanks.count(blocks.get(b), q, ids, labels, rl, lists));
                }
                FullRanks.ranks(ids, lists, before, ap, first);
            }
            int nonLone = 0;
            for (int query = 0; query < n; query++) {
                List<Integer> ranks = bruteForceRelevantRanks(q, query, labels[query], refs, rl, d, self);
                if (ranks.isEmpty()) {
                    continue;
                }
                nonLone++;
                double s = 0;
                for (int i = 0; i < ranks.size(); i++) {
                    s += (i + 1) / (double) ranks.get(i);
                }
                assertEquals(s / ranks.size(), ap[query], "query " + query + (self ? " (self)" : ""));
                assertEquals((long) ranks.get(0), first[query]);
            }
            assertEquals(nonLone, covered);
            assertEquals(true, batches.size() > 3, "several batches: " + batches.size());
        }
    }

    @Test
    void batchesRespectTheBudgetAndSkipLoneQueries() {
        int[] rl = {0, 0, 0, 1, 1, 2};
        int[] ql = {0, 1, 7, 2, 0, 1};
        List<int[]> b = FullRanks.batches(ql, rl, false, 4);
        // R = 3, 2, -, 1, 3, 2: {0} (3), {1, 3} (2 + 1), {4} (3), {5} (2)
        assertEquals(4, b.size());
        assertEquals(List.of(List.of(0), List.of(1, 3), List.of(4), List.of(5)),
                b.stream().map(a -> java.util.Arrays.stream(a).boxed().toList()).toList());
        // a query with more relevant references than the budget forms a batch alone
        assertEquals(List.of(List.of(0), List.of(1), List.of(3), List.of(4), List.of(5)),
                FullRanks.batches(ql, rl, false, 1).stream().map(a -> java.util.Arrays.stream(a).boxed().toList()).toList());
        assertThrows(IllegalArgumentException.class, () -> FullRanks.batches(ql, rl, false, 0));
    }

    private static List<Integer> bruteForceRelevantRanks(double[] q, int query, int label, double[] refs, int[] rl, int d, boolean self) {
        List<Integer> order = new ArrayList<>();
        double[] dist = new double[rl.length];
        for (int j = 0; j < rl.length; j++) {
            if (self && j == query) {
                continue;
            }
            double s = 0;
            for (int t = 0; t < d; t++) {
                double e = q[query * d + t] - refs[j * d + t];
                s += e * e;
            }
            dist[j] = s;
            order.add(j);
        }
        order.sort(Comparator.<Integer>comparingDouble(j -> dist[j]).thenComparingInt(j -> j));
        List<Integer> ranks = new ArrayList<>();
        for (int p = 0; p < order.size(); p++) {
            if (rl[order.get(p)] == label) {
                ranks.add(p + 1);
            }
        }
        return ranks;
    }
}
