package org.metriclab.deep.crossmodal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.persist.MetricCodecs;

/**
 * Two towers must align a constructed two-view dataset: view A is a class centre plus noise in 8
 * dimensions, view B a fixed random rotation of view A (plus independent noise) followed by a sign flip
 * and shift, so the raw columns of the two views are not comparable and only trained towers can match
 * them. Also: the joint metric round-trips through its codec, and bad column groups fail in one line
 * naming the parameter.
 */
class CrossModalLearnerTest {
    private static final int CLASSES = 6;
    private static final int DIM = 8;

    @Test
    void towersAlignTwoViewsAndCrossModalPrecisionRisesFarAboveChance() {
        Dataset train = twoViews(40, 1);
        Dataset test = twoViews(30, 2);
        CrossModalRetrieval retrieval = new CrossModalRetrieval(List.of("precision_at_1", "mean_average_precision_at_r"), 0);
        CrossModalMetric untrained = learner(Map.of("epochs", 1, "lr", 1e-12)).fit(train, FitContext.seeded(0));
        CrossModalRetrieval.Result before = retrieval.evaluate(untrained.embed(test.x()), test.labels());
        CrossModalMetric trained = learner(Map.of()).fit(train, FitContext.seeded(0));
        CrossModalRetrieval.Result after = retrieval.evaluate(trained.embed(test.x()), test.labels());
        double chance = 1.0 / CLASSES;
        for (Map<String, Double> m : List.of(after.aToB(), after.bToA())) {
            assertTrue(m.get("precision_at_1") > 0.8, "cross-modal P@1 " + m + " vs chance " + chance);
            assertTrue(m.get("mean_average_precision_at_r") > 0.7, m.toString());
        }
        assertTrue(before.aToB().get("precision_at_1") < 0.5, "untrained towers do not align the views: " + before.aToB());
        MetricCodecs codecs = MetricCodecs.load();
        CrossModalMetric back = (CrossModalMetric) codecs.decode(codecs.encode(trained));
        assertEquals(0, back.embed(test.x()).maxAbsDifference(trained.embed(test.x())), 1e-12);
        assertEquals(2 * 16, trained.outputDim());
    }

    @Test
    void tripletMarginAlsoAligns() {
        Dataset train = twoViews(40, 3);
        CrossModalMetric m = learner(Map.of("loss", "triplet_margin", "loss.margin", 0.2, "batch_size", 36, "m", 6)).fit(train, FitContext.seeded(1));
        CrossModalRetrieval.Result r = new CrossModalRetrieval(List.of("precision_at_1"), 0).evaluate(m.embed(twoViews(30, 4).x()),
                twoViews(30, 4).labels());
        assertTrue(r.aToB().get("precision_at_1") > 0.9 && r.bToA().get("precision_at_1") > 0.9, r.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "[[0, 9], [8, 15]];overlap",
            "[[0, 7], [8, 16]];reaches past the last column 15",
            "[[0, 7]];exactly two column ranges",
            "[[0, 7], [8, 15], [1, 2]];exactly two column ranges",
            "[[7, 0], [8, 15]];not an inclusive range",
            "0-7,8-15;expected two inclusive column ranges",
            "[[-1, 7], [8, 15]];exactly two column ranges"})
    void badColumnGroupsFailInOneLineNamingTheParameter(String modalities, String says) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> learner(Map.of("modalities", modalities)).fit(twoViews(5, 0), FitContext.seeded(0)));
        assertTrue(e.getMessage().startsWith("modalities: ") && e.getMessage().contains(says) && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void missingModalitiesAndLossesWithoutTuplesAreRefused() {
        Params none = Params.of(Map.of("epochs", 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossModalLearner.from(none)).getMessage().startsWith("modalities: "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> learner(Map.of("loss", "proxy_anchor")));
        assertTrue(e.getMessage().startsWith("loss: cross_modal trains with contrastive or triplet_margin"), e.getMessage());
    }

    private static CrossModalLearner learner(Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>(Map.of("modalities", "[[0, 7], [8, 15]]", "hidden", List.of(32.0), "embedding_size", 16,
                "epochs", 15, "batch_size", 48, "m", 8, "lr", 3e-3));
        p.putAll(extra);
        Params params = Params.of(p);
        CrossModalLearner l = CrossModalLearner.from(params);
        params.requireAllUsed("cross_modal");
        return l;
    }

    /** n rows per class; the rotation is the same for every seed, the class centres and noise differ by seed only in the noise. */
    static Dataset twoViews(int perClass, long seed) {
        SplittableRandom fixed = new SplittableRandom(42);
        double[][] centres = new double[CLASSES][DIM];
        for (double[] c : centres) {
            for (int j = 0; j < DIM; j++) {
                c[j] = 2 * fixed.nextGaussian();
            }
        }
        Matrix q = orthogonal(fixed);
        SplittableRandom r = new SplittableRandom(seed);
        int n = perClass * CLASSES;
        double[] x = new double[n * 2 * DIM];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % CLASSES;
            double[] a = new double[DIM];
            for (int j = 0; j < DIM; j++) {
                a[j] = centres[y[i]][j] + r.nextGaussian();
                x[i * 2 * DIM + j] = a[j];
            }
            double[] b = q.times(a);
            for (int j = 0; j < DIM; j++) {
                x[i * 2 * DIM + DIM + j] = -b[j] + 3 + 0.3 * r.nextGaussian();
            }
        }
        return new Dataset("two_views", Matrix.of(n, 2 * DIM, x), Labels.of(y));
    }

    /** A random orthogonal matrix by Gram–Schmidt on Gaussian columns. */
    private static Matrix orthogonal(SplittableRandom r) {
        double[][] v = new double[DIM][DIM];
        for (int c = 0; c < DIM; c++) {
            for (int j = 0; j < DIM; j++) {
                v[c][j] = r.nextGaussian();
            }
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int j = 0; j < DIM; j++) {
                    dot += v[c][j] * v[p][j];
                }
                for (int j = 0; j < DIM; j++) {
                    v[c][j] -= dot * v[p][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < DIM; j++) {
                norm += v[c][j] * v[c][j];
            }
            for (int j = 0; j < DIM; j++) {
                v[c][j] /= Math.sqrt(norm);
            }
        }
        return Matrix.of(v);
    }
}
