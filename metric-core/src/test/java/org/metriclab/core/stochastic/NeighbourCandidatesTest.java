package org.metriclab.core.stochastic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metriclab.core.learn.FitException;

class NeighbourCandidatesTest {
    @Test
    void withoutAnInstalledSearchTheFitFailsWithOneLineNamingTheWayOut() {
        // metric-core's own tests register no NeighbourSearch, as a learner module without metric-eval
        assertTrue(NeighbourSearch.installed().isEmpty());
        FitException e = assertThrows(FitException.class,
                () -> NeighbourCandidates.installed("nca", "solver approximate_knn", "add metric-eval or use solver minibatch"));
        assertEquals("nca: solver approximate_knn needs metric-eval's neighbour search on the class path; "
                + "add metric-eval or use solver minibatch", e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1);
    }

    @Test
    void bruteForceOrdersByDistanceThenRowAndSplitsByLabel() {
        // rows on a line at 0, 1, 1, 2, 3 (rows 1 and 2 tie for row 0 and row 3), labels a a b a b
        double[] z = {0, 1, 1, 2, 3};
        int[] labels = {0, 0, 1, 0, 1};
        NeighbourSearch.Neighbours nb = new BruteForceNeighbourSearch().nearest(z, 5, 1, labels, 2);
        assertArrayEquals(new int[] {1, 3}, nb.same()[0]);
        assertArrayEquals(new int[] {2, 4}, nb.other()[0]);
        assertArrayEquals(new int[] {1, 0}, nb.same()[3]);
        assertArrayEquals(new int[] {2, 4}, nb.other()[3]);
        assertArrayEquals(new int[] {1, 2, 3, 4}, nb.merged()[0]);
        NeighbourSearch.Neighbours any = new BruteForceNeighbourSearch().nearest(z, 5, 1, null, 3);
        assertArrayEquals(new int[] {1, 2, 3}, any.same()[0]);
        assertArrayEquals(new int[] {3, 1, 2}, any.same()[4]);
        assertEquals(0, any.other()[4].length);
    }
}
