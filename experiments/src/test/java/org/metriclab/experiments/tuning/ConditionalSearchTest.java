package org.metriclab.experiments.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ConditionalSearchTest {
    /** kernel: choice[rbf, linear]; gamma only for rbf. */
    static SearchSpace kernels() {
        Map<String, Dimension> dims = new LinkedHashMap<>();
        dims.put("kernel", new Dimension.Choice(List.of("rbf", "linear")));
        dims.put("gamma", new Dimension.Conditional(new Dimension.Uniform(0.0, 1.0), "kernel", List.of("rbf")));
        return new SearchSpace(dims);
    }

    @ParameterizedTest
    @EnumSource(SearchKind.class)
    void everyStrategyProposesGammaExactlyForTheRbfKernel(SearchKind kind) {
        SearchSpace space = kernels();
        Searcher s = Searcher.of(kind, space, 3);
        List<Observation> history = new ArrayList<>();
        int rbf = 0;
        for (int i = 0; i < 30; i++) {
            double[] u = s.propose(history);
            Map<String, Object> p = space.at(u);
            assertEquals(p.get("kernel").equals("rbf"), p.containsKey("gamma"), p.toString());
            assertEquals(p.containsKey("gamma"), space.active(u)[1]);
            rbf += p.get("kernel").equals("rbf") ? 1 : 0;
            history.add(new Observation(u, p.containsKey("gamma") ? 1 - Math.abs((double) p.get("gamma") - 0.2) : 0.5, space.active(u)));
        }
        assertTrue(rbf > 0 && rbf < 30, kind + " tried both kernels: " + rbf + " rbf");
    }

    /**
     * Linear-kernel candidates dominate the good set, and their (unused) gamma coordinates sit near 0.9; the one
     * good rbf candidate has gamma near 0.1. TPE models gamma only from candidates that used it, so its rbf
     * proposals follow the good rbf candidate instead of the meaningless coordinates of the linear ones.
     */
    @Test
    void tpeModelsAConditionalDimensionOnlyFromCandidatesThatUsedIt() {
        SearchSpace space = kernels();
        List<Observation> history = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(1);
        add(history, space, 5, 0.95, r, 0.75, 0.8, 0.88, 0.92);
        add(history, space, 1, 0.9, r, 0.1, 0.12, 0.08, 0.12);
        add(history, space, 9, 0.1, r, 0.75, 0.8, 0.0, 1.0);
        add(history, space, 9, 0.1, r, 0.0, 0.45, 0.3, 1.0);
        List<Double> gammas = new ArrayList<>();
        for (long seed = 0; seed < 60; seed++) {
            double[] a = Searcher.of(SearchKind.TPE, space, seed).propose(history);
            if (space.active(a)[1]) {
                gammas.add(a[1]);
            }
        }
        // a model of gamma from every candidate sees mostly the linear ones' 0.9 and never proposes rbf with a small gamma
        assertTrue(gammas.size() >= 10, "rbf proposals: " + gammas);
        assertTrue(median(gammas) < 0.3, "gamma of rbf proposals follows the good rbf candidate: " + gammas);
    }

    /** {@code n} candidates with kernel coordinate in [k0, k1], gamma coordinate in [g0, g1] and the given score. */
    private static void add(List<Observation> history, SearchSpace space, int n, double score, SplittableRandom r, double k0, double k1, double g0,
            double g1) {
        for (int i = 0; i < n; i++) {
            double[] u = {k0 + (k1 - k0) * r.nextDouble(), g0 + (g1 - g0) * r.nextDouble()};
            history.add(new Observation(u, score, space.active(u)));
        }
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }

    @Test
    void aConditionMustNameAnEarlierChoiceAndOneOfItsValues() {
        Map<String, Dimension> later = new LinkedHashMap<>();
        later.put("gamma", new Dimension.Conditional(new Dimension.Uniform(0.0, 1.0), "kernel", List.of("rbf")));
        later.put("kernel", new Dimension.Choice(List.of("rbf", "linear")));
        assertThrows(IllegalArgumentException.class, () -> new SearchSpace(later));
        Map<String, Dimension> wrong = new LinkedHashMap<>();
        wrong.put("kernel", new Dimension.Choice(List.of("rbf", "linear")));
        wrong.put("gamma", new Dimension.Conditional(new Dimension.Uniform(0.0, 1.0), "kernel", List.of("poly")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SearchSpace(wrong)).getMessage().contains("not one of [rbf, linear]"));
        assertThrows(IllegalArgumentException.class, () -> new Dimension.Conditional(
                new Dimension.Conditional(new Dimension.Uniform(0, 1), "a", List.of(1)), "b", List.of(2)));
        assertEquals(Map.of("uniform", List.of(0.0, 1.0), "when", Map.of("kernel", "rbf")), kernels().dimensions().get("gamma").toTree());
        assertTrue(Arrays.equals(new boolean[] {true, false}, kernels().active(new double[] {0.7, 0.5})));
    }
}
