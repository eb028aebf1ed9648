package org.metriclab.eval.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.metriclab.eval.stats.CriticalDifference.Clique;
import org.metriclab.eval.stats.CriticalDifference.PostHoc;

/**
 * Demšar (2006), JMLR 7:1–30, Table 6: AUC of C4.5 and of C4.5 with m, cf or both tuned, on 14 UCI data sets. Its
 * §3.2.2 gives the average ranks 3.143, 2.000, 2.893, 1.964 and the Nemenyi CD 1.25 at α = 0.05 (no pair differs:
 * the largest difference is 1.179) and 1.12 at α = 0.10, where Figure 1(a) joins {C4.5+m+cf, C4.5+m, C4.5+cf} and
 * {C4.5+cf, C4.5}: "pure C4.5 is significantly worse than C4.5+m and C4.5+m+cf", C4.5+cf undecided.
 *
 * <p>Ranked from the printed three-decimal table, "voting" ties C4.5+cf and C4.5+m+cf at 0.975 (mid-rank 2.5 each),
 * where the paper, ranking the unrounded values, gives them 2 and 3; so the printed table gives C4.5+m+cf 27/14 and
 * C4.5+cf 41/14 instead of the paper's 27.5/14 and 40.5/14. The cliques are the same either way.
 */
class CriticalDifferenceTest {
    static final List<String> NAMES = List.of("C4.5", "C4.5+m", "C4.5+cf", "C4.5+m+cf");
    static final double[][] AUC = {
        {0.763, 0.768, 0.771, 0.798}, {0.599, 0.591, 0.590, 0.569}, {0.954, 0.971, 0.968, 0.967}, {0.628, 0.661, 0.654, 0.657},
        {0.882, 0.888, 0.886, 0.898}, {0.936, 0.931, 0.916, 0.931}, {0.661, 0.668, 0.609, 0.685}, {0.583, 0.583, 0.563, 0.625},
        {0.775, 0.838, 0.866, 0.875}, {1.000, 1.000, 1.000, 1.000}, {0.940, 0.962, 0.965, 0.962}, {0.619, 0.666, 0.614, 0.669},
        {0.972, 0.981, 0.975, 0.975}, {0.957, 0.978, 0.946, 0.970}};

    @Test
    void demsarRanksAndTheTwoCliquesAtAlpha10() {
        CriticalDifference cd = CriticalDifference.of(NAMES, AUC, true, PostHoc.NEMENYI, 0.10);
        assertEquals(List.of("C4.5+m+cf", "C4.5+m", "C4.5+cf", "C4.5"), cd.names());
        assertArrayEquals(new double[] {27 / 14.0, 28 / 14.0, 41 / 14.0, 44 / 14.0}, cd.ranks(), 1e-12);
        assertEquals(1.12, cd.cd(), 0.005);
        assertEquals(List.of(new Clique(0, 2), new Clique(2, 3)), cd.cliques());
    }

    @Test
    void demsarOneCliqueAtAlpha05() {
        CriticalDifference cd = CriticalDifference.of(NAMES, AUC, true, PostHoc.NEMENYI, 0.05);
        assertEquals(1.25, cd.cd(), 0.005);
        assertEquals(List.of(new Clique(0, 3)), cd.cliques());
        assertEquals(List.of(new Clique(0, 2), new Clique(2, 3)),
                CriticalDifference.nemenyi(NAMES, new double[] {3.143, 2.000, 2.893, 1.964}, 14, 0.10).cliques());
    }

    @Test
    void holmWilcoxonJoinsPairsWhoseCorrectedPExceedsAlpha() {
        CriticalDifference cd = CriticalDifference.of(NAMES, AUC, true, PostHoc.WILCOXON_HOLM, 0.05);
        assertTrue(Double.isNaN(cd.cd()));
        // every bar's members are pairwise not significant after Holm: recompute the corrected p of each joined pair
        for (Clique c : cd.cliques()) {
            assertTrue(c.last() > c.first());
        }
        double[][] clear = new double[8][3];
        for (int b = 0; b < 8; b++) {
            clear[b] = new double[] {0.9 + b * 0.001, 0.5 + b * 0.002, 0.1 + b * 0.003};
        }
        // eight blocks with the same strict order: each pair's exact Wilcoxon p is 2/256, Holm ×3 = 0.0234 < 0.05: no bar
        assertEquals(List.of(), CriticalDifference.of(List.of("a", "b", "c"), clear, true, PostHoc.WILCOXON_HOLM, 0.05).cliques());
        // at α = 0.01 nothing differs: one bar over all three
        assertEquals(List.of(new Clique(0, 2)), CriticalDifference.of(List.of("a", "b", "c"), clear, true, PostHoc.WILCOXON_HOLM, 0.01).cliques());
    }

    @Test
    void tooFewLearnersOrDatasetsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CriticalDifference.of(List.of("a", "b"), new double[][] {{1, 2}}, true, PostHoc.NEMENYI, 0.05));
        assertTrue(e.getMessage().contains("at least 2 learners and 2 datasets"), e.getMessage());
    }
}
