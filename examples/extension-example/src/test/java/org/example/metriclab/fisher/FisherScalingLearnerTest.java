package org.example.metriclab.fisher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;

/** Fisher scaling against a hand computation and an independent (total − between) formula. */
class FisherScalingLearnerTest {
    @Test
    void matchesAHandComputedExample() {
        // feature 0: class means 1 and 5, overall 3 -> B = 2·4 + 2·4 = 16, W = 2 + 2 = 4, score 4
        // feature 1: class means 0.5 and 1.5, overall 1 -> B = 4·0.25 = 1, W = 0.5 + 4.5 = 5, score 0.2
        Dataset d = new Dataset("hand", Matrix.of(new double[][] {{0, 0}, {2, 1}, {4, 0}, {6, 3}}), Labels.of(0, 0, 1, 1));
        assertArrayEquals(new double[] {4.0, 0.2}, new FisherScalingLearner(0, false).weights(d), 1e-12);
        assertArrayEquals(new double[] {4.0 / 2.1, 0.2 / 2.1}, new FisherScalingLearner(0, true).weights(d), 1e-12);
        MahalanobisMetric m = new FisherScalingLearner(0, false).fit(d, FitContext.seeded(0));
        // d((0,0), (1,1))² = 4·1 + 0.2·1
        assertEquals(Math.sqrt(4.2), m.between(new double[] {0, 0}, new double[] {1, 1}), 1e-12);
    }

    @Test
    void agreesWithTheTotalScatterDecompositionOnRandomData() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 90;
        int dim = 4;
        double[][] x = new double[n][dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < dim; j++) {
                x[i][j] = r.nextGaussian() * (1 + j) + (j < 2 ? 2.0 * y[i] * (j + 1) : 0.0);
            }
        }
        Dataset d = new Dataset("random", Matrix.of(x), Labels.of(y));
        double ridge = 0.01;
        double[] expected = new double[dim];
        double[] within = new double[dim];
        double[] between = new double[dim];
        for (int j = 0; j < dim; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[i][j] / n;
            }
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += (x[i][j] - mean) * (x[i][j] - mean);
            }
            for (int c = 0; c < 3; c++) {
                double mc = 0;
                int nc = 0;
                for (int i = 0; i < n; i++) {
                    if (y[i] == c) {
                        mc += x[i][j];
                        nc++;
                    }
                }
                mc /= nc;
                between[j] += nc * (mc - mean) * (mc - mean);
            }
            within[j] = total - between[j]; // T = B + W
        }
        double meanWithin = (within[0] + within[1] + within[2] + within[3]) / dim;
        for (int j = 0; j < dim; j++) {
            expected[j] = between[j] / (within[j] + ridge * meanWithin);
        }
        assertArrayEquals(expected, new FisherScalingLearner(ridge, false).weights(d), 1e-9);
        double[] w = new FisherScalingLearner(ridge, true).weights(d);
        assertEquals(dim, w[0] + w[1] + w[2] + w[3], 1e-9, "normalised weights have mean 1");
        assertTrue(w[0] > w[2] && w[1] > w[3], "informative features outweigh noise: " + java.util.Arrays.toString(w));
    }

    @Test
    void constantFeaturesGetWeightZero() {
        Dataset d = new Dataset("c", Matrix.of(new double[][] {{0, 7}, {1, 7}, {3, 7}, {4, 7}}), Labels.of(0, 0, 1, 1));
        double[] w = new FisherScalingLearner(1e-6, false).weights(d);
        assertEquals(0.0, w[1]);
        assertTrue(w[0] > 0);
    }

    @Test
    void readsItsParametersWithDefaults() {
        assertEquals(new FisherScalingLearner(1e-6, true), FisherScalingLearner.from(Params.empty()));
        assertEquals(new FisherScalingLearner(0.5, false), FisherScalingLearner.from(Params.of(Map.of("ridge", 0.5, "normalize", false))));
    }

    @Test
    void badInputGivesClearErrors() {
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> new FisherScalingLearner(-1, true));
        assertTrue(neg.getMessage().contains("ridge must be a finite number >= 0"), neg.getMessage());
        Dataset perfect = new Dataset("p", Matrix.of(new double[][] {{0}, {0}, {1}, {1}}), Labels.of(0, 0, 1, 1));
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> new FisherScalingLearner(0, true).fit(perfect, FitContext.seeded(0)));
        assertTrue(inf.getMessage().contains("zero within-class scatter") && inf.getMessage().contains("ridge > 0"), inf.getMessage());
        Dataset sameMeans = new Dataset("s", Matrix.of(new double[][] {{-1}, {1}, {-2}, {2}}), Labels.of(0, 0, 1, 1));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new FisherScalingLearner(1e-6, true).fit(sameMeans, FitContext.seeded(0)));
        assertTrue(none.getMessage().contains("no feature separates the classes"), none.getMessage());
        Dataset one = new Dataset("one", Matrix.of(new double[][] {{0}, {1}}), Labels.of(3, 3));
        IllegalArgumentException oneClass = assertThrows(IllegalArgumentException.class,
                () -> new FisherScalingLearner(1e-6, true).fit(one, FitContext.seeded(0)));
        assertTrue(oneClass.getMessage().contains("needs at least two classes"), oneClass.getMessage());
    }
}
