package org.metriclab.core.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Chunklets;
import org.metriclab.core.constraint.MPerClassBatches;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomChunklets;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.constraint.TargetNeighbors;
import org.metriclab.core.data.BuiltinDatasets;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.preprocess.Standardizer;

class ParamsAndSamplersTest {
    enum Mode { FAST, SLOW_AND_STEADY }

    @Test
    void paramsAreTypedRecordedAndStrict() {
        Params p = Params.of(Map.of("k", "3", "rate", 0.5, "mode", "slow-and-steady"));
        assertEquals(3, p.getInt("k", 1));
        assertEquals(0.5, p.getDouble("rate", 1));
        assertEquals(Mode.SLOW_AND_STEADY, p.getEnum("mode", Mode.FAST));
        assertEquals(true, p.getBoolean("flag", true));
        assertEquals(Map.of("k", 3, "rate", 0.5, "mode", "slow_and_steady", "flag", true), p.resolved());
        p.requireAllUsed("x");
        Params typo = Params.of(Map.of("kk", 3));
        typo.getInt("k", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> typo.requireAllUsed("learner 'lfda'"));
        assertTrue(e.getMessage().contains("'kk'") && e.getMessage().contains("known: k"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Params.of(Map.of("k", "x")).getInt("k", 1)).getMessage().contains("integer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Params.of(Map.of("m", "medium")).getEnum("m", Mode.FAST)).getMessage().contains("fast, slow_and_steady"));
        assertEquals(Map.of("a", "1"), Params.parse(List.of("a=1")).raw());
    }

    @Test
    void registryRejectsUnknownNamesAndDuplicates() {
        Learners reg = Learners.load();
        assertTrue(reg.names().containsAll(List.of("euclidean", "covariance")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reg.create("lmnnn", Params.empty()));
        assertTrue(e.getMessage().contains("unknown learner 'lmnnn'") && e.getMessage().contains("euclidean"), e.getMessage());
        LearnerCatalog dup = new org.metriclab.core.baseline.BaselineCatalog();
        IllegalStateException d = assertThrows(IllegalStateException.class, () -> Learners.of(List.of(dup, dup)));
        assertTrue(d.getMessage().contains("registered twice"), d.getMessage());
    }

    @Test
    void namedStreamsAreIndependentAndReproducible() {
        FitContext c = FitContext.seeded(5);
        assertEquals(c.random("a").nextLong(), FitContext.seeded(5).random("a").nextLong());
        assertNotEquals(c.random("a").nextLong(), c.random("b").nextLong());
        assertNotEquals(c.random("a").nextLong(), FitContext.seeded(6).random("a").nextLong());
    }

    @Test
    void randomPairsRespectLabelsAndAreDistinct() {
        Dataset iris = BuiltinDatasets.load("iris").dataset();
        Pairs p = new RandomPairs(100).sample(iris, FitContext.seeded(1).random("c"));
        assertEquals(200, p.size());
        assertEquals(100, p.similarCount());
        Set<Long> seen = new HashSet<>();
        for (int k = 0; k < p.size(); k++) {
            assertEquals(p.isSimilar(k), iris.labels().get(p.left(k)) == iris.labels().get(p.right(k)));
            assertTrue(seen.add((long) Math.min(p.left(k), p.right(k)) * 1000 + Math.max(p.left(k), p.right(k))));
        }
        Dataset one = iris.subset(iris.labels().indicesOf(0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RandomPairs(10).sample(one, FitContext.seeded(1).random("c")))
                .getMessage().contains("single class"));
    }

    @Test
    void chunkletsAreSameClassAndDisjoint() {
        Dataset iris = BuiltinDatasets.load("iris").dataset();
        Chunklets c = new RandomChunklets(30, 3).sample(iris, FitContext.seeded(2).random("c"));
        assertEquals(30, c.size());
        for (int id = 0; id < 30; id++) {
            Set<Integer> labels = new HashSet<>();
            int members = 0;
            for (int i = 0; i < iris.size(); i++) {
                if (c.chunkOf(i) == id) {
                    labels.add(iris.labels().get(i));
                    members++;
                }
            }
            assertEquals(3, members);
            assertEquals(1, labels.size());
        }
    }

    @Test
    void targetNeighboursMatchBruteForce() {
        Matrix x = Matrix.of(new double[][] {{0}, {1}, {3}, {10}, {11}, {13}});
        Labels y = Labels.of(0, 0, 0, 1, 1, 1);
        int[][] nb = TargetNeighbors.of(x, y, 2);
        assertArrayEquals(new int[] {1, 2}, nb[0]);
        assertArrayEquals(new int[] {0, 2}, nb[1]);
        assertArrayEquals(new int[] {4, 5}, nb[3]);
        assertThrows(IllegalArgumentException.class, () -> TargetNeighbors.of(x, y, 3));
    }

    @Test
    void mPerClassBatchesAreBalancedAndUseReplacementForSmallClasses() {
        Labels y = Labels.of(0, 0, 0, 0, 1, 1, 1, 1, 2, 3);
        List<int[]> batches = new MPerClassBatches(2, 4).epoch(y, FitContext.seeded(3).random("b"));
        assertEquals(2, batches.size());
        for (int[] b : batches) {
            assertEquals(4, b.length);
            Map<Integer, Integer> counts = new java.util.HashMap<>();
            for (int i : b) {
                counts.merge(y.get(i), 1, Integer::sum);
            }
            assertEquals(2, counts.size());
            counts.values().forEach(v -> assertEquals(2, v));
        }
    }

    @Test
    void mPerClassEpochLengthAndUniformDrawsWithoutReplacement() {
        int[] ids = new int[60];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i / 20;
        }
        Labels y = Labels.of(ids);
        assertEquals(7, new MPerClassBatches(4, 8).epoch(y, FitContext.seeded(1).random("b")).size(), "epoch length 0: floor(60 / 8)");
        // PML's length_before_new_iter, rounded down to a multiple of the batch size
        assertEquals(12, new MPerClassBatches(4, 8, 100).epoch(y, FitContext.seeded(1).random("b")).size());
        assertThrows(IllegalArgumentException.class, () -> new MPerClassBatches(4, 8, 7));
        assertThrows(IllegalArgumentException.class, () -> new MPerClassBatches(4, 8, -1));
        int[] seen = new int[60];
        List<int[]> many = new MPerClassBatches(4, 8, 8 * 3000).epoch(y, FitContext.seeded(2).random("b"));
        for (int[] b : many) {
            Map<Integer, java.util.Set<Integer>> perClass = new java.util.HashMap<>();
            for (int i : b) {
                assertTrue(perClass.computeIfAbsent(y.get(i), k -> new java.util.HashSet<>()).add(i), "drawn twice in one batch: " + i);
                seen[i]++;
            }
        }
        // every row of a class equally likely: 3000 batches × 2 classes × 4 draws / 60 rows = 400 expected each
        for (int i = 0; i < 60; i++) {
            assertTrue(Math.abs(seen[i] - 400) < 100, "row " + i + " drawn " + seen[i] + " times, expected about 400");
        }
    }

    @Test
    void standardizerUsesPopulationStdAndDropsConstantFeatures() {
        Matrix x = Matrix.of(new double[][] {{1, 5, 2}, {3, 5, 4}, {5, 5, 9}});
        Standardizer s = Standardizer.fit(x);
        assertArrayEquals(new int[] {0, 2}, s.kept());
        double sd = Math.sqrt(8.0 / 3);
        assertArrayEquals(new double[] {-2 / sd, (2 - 5) / Math.sqrt(26.0 / 3)}, s.apply(new double[] {1, 5, 2}), 1e-12);
    }
}
