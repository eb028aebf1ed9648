package org.metriclab.probabilistic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Learners;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodecs;
import org.metriclab.core.preprocess.Standardizer;

class ItmlPrivilegedTest {
    private static final Learners CATALOG = Learners.of(List.of(new ProbabilisticCatalog()));

    /** Three noisy classes in 4-D, standardised, with the given privileged columns. */
    private static Dataset noisy(long seed, int perClass) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 3 * perClass;
        double[][] x = new double[n][4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i][j] = r.nextGaussian() * (1 + j) + (j == y[i] ? 1.0 : 0.0);
            }
        }
        Matrix features = Standardizer.fit(Matrix.of(x)).apply(Matrix.of(x));
        return new Dataset("noisy", features, Labels.of(y));
    }

    private static MahalanobisMetric fit(Dataset d, Map<String, Object> params) {
        return (MahalanobisMetric) CATALOG.create("itml_privileged", Params.of(params)).fit(d, FitContext.seeded(3));
    }

    @Test
    void privilegedColumnsEqualToTheFeaturesLeaveThePriorUnchanged() {
        Dataset d = noisy(1, 20);
        for (Matrix same : List.of(d.x(), d.x().scale(7.5), d.x().columns(new int[] {3, 1, 0, 2}))) {
            MahalanobisMetric m = fit(d.withPrivileged(same), Map.of("teacher", "euclidean"));
            assertTrue(m.m().maxAbsDifference(Matrix.identity(4)) < 1e-8, "every bound is the pair's own distance: " + m.m());
        }
        // plain ITML on the same data does move the metric, so the check above is not vacuous
        MahalanobisMetric itml = (MahalanobisMetric) CATALOG.create("itml", Params.empty()).fit(d, FitContext.seeded(3));
        assertTrue(itml.m().maxAbsDifference(Matrix.identity(4)) > 1e-3);
    }

    @Test
    void boundsFollowTheRuleOnAHandComputedCase() {
        // features 0, 1, 3, 6 and privileged 0, 2, 2, 4 (1-D); pairs (0,1) similar, (1,2) similar, (0,3) dissimilar
        Matrix x = Matrix.of(new double[][] {{0}, {1}, {3}, {6}});
        Matrix p = Matrix.of(new double[][] {{0}, {2}, {2}, {4}});
        Pairs pairs = new Pairs(new int[] {0, 1, 0}, new int[] {1, 2, 3}, new boolean[] {true, true, false});
        // feature squared distances 1, 4, 36 (sum 41); privileged 4, 0, 16 (sum 20): s = 2.05, mean d* = 20/3,
        // floor 0.01·2.05·20/3 = 0.1366…; bounds 8.2, max(0, floor), 32.8
        double[] b = ItmlPrivilegedLearner.bounds(x, p, Matrix.identity(1), pairs, 0.01);
        assertArrayEquals(new double[] {8.2, 0.01 * 2.05 * 20 / 3, 32.8}, b, 1e-12);
        // a teacher metric scales d*, and s undoes a global scale: M* = 9·I gives the same bounds
        assertArrayEquals(b, ItmlPrivilegedLearner.bounds(x, p, Matrix.identity(1).scale(9), pairs, 0.01), 1e-12);
    }

    @Test
    void theModelEmbedsDataWithoutPrivilegedColumns() {
        Dataset d = noisy(2, 25);
        Matrix oneHot = Matrix.of(java.util.stream.IntStream.range(0, d.size()).mapToObj(i -> {
            double[] row = new double[3];
            row[d.labels().get(i)] = 1;
            return row;
        }).toArray(double[][]::new));
        FitException categorical = assertThrows(FitException.class, () -> fit(d.withPrivileged(oneHot), Map.of()));
        assertTrue(categorical.getMessage().contains("teacher: euclidean"), categorical.getMessage());
        MahalanobisMetric m = fit(d.withPrivileged(oneHot), Map.of("teacher", "euclidean"));
        assertEquals(4, m.inputDim());
        Dataset test = noisy(9, 5);
        assertTrue(test.privileged().isEmpty());
        assertTrue(m.embed(test.x()).isFinite());
        assertTrue(m.m().maxAbsDifference(Matrix.identity(4)) > 1e-3, "class-revealing privileged columns move the metric");
        MetricCodecs codecs = MetricCodecs.load();
        LearnedMetric back = codecs.decode(codecs.encode(m));
        assertEquals(m.embed(test.x()), back.embed(test.x()));
    }

    @Test
    void missingPrivilegedColumnsGivePlainItmlAndBadParametersAreNamed() {
        Dataset plain = noisy(3, 10);
        List<String> warnings = new java.util.ArrayList<>();
        MahalanobisMetric fallback = (MahalanobisMetric) CATALOG.create("itml_privileged", Params.empty())
                .fit(plain, new FitContext(3, new org.metriclab.core.learn.Progress() {
                    @Override
                    public void iteration(int iteration, double objective) {
                    }

                    @Override
                    public void warn(String message) {
                        warnings.add(message);
                    }
                }));
        MahalanobisMetric itml = (MahalanobisMetric) CATALOG.create("itml", Params.empty()).fit(plain, FitContext.seeded(3));
        assertEquals(itml.m(), fallback.m(), "without privileged columns: plain itml on the same pairs");
        assertTrue(warnings.stream().anyMatch(w -> w.contains("no privileged columns")), warnings.toString());
        Dataset constant = noisy(3, 10);
        FitException flat = assertThrows(FitException.class,
                () -> fit(constant.withPrivileged(Matrix.zeros(constant.size(), 2)), Map.of()));
        assertTrue(flat.getMessage().contains("constant"), flat.getMessage());
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("floor", 0.0), Map.of("floor", 1.5),
                Map.of("teacher", "oracle"), Map.of("constraints", -1), Map.of("gamma", 0.0), Map.of("max_iter", 0))) {
            String key = bad.keySet().iterator().next();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CATALOG.create("itml_privileged", Params.of(bad)));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }
}
