package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.metriclab.core.stochastic.BruteForceNeighbourSearch;
import org.metriclab.core.stochastic.NeighbourSearch;

/** Learner modules depend on metric-core only: neither metric-eval nor another learner module is on this class path. */
class ModuleBoundaryTest {
    @Test
    void noEvaluationOrOtherLearnerModuleOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.metriclab.eval.knn.TiledSearch"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.metriclab.spectral.LmnnLearner"));
    }

    @Test
    void approximateKnnUsesTheRegisteredBruteForceSearch() {
        assertInstanceOf(BruteForceNeighbourSearch.class, NeighbourSearch.installed().orElseThrow());
    }
}
