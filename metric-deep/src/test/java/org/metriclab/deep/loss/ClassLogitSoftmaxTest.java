package org.metriclab.deep.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The shared reduced cross-entropy over class logits: value, logit gradient and dropped terms. */
class ClassLogitSoftmaxTest {
    private static final int[] LABELS = {0, 2, 1};
    private static final double[] MINER = {1, 0.5, 2};

    private static double value(double[][] z, boolean drop) {
        return ClassLogitSoftmax.of(3, 3, LABELS, MINER, Reducer.MEAN, drop, (i, row) -> System.arraycopy(z[i], 0, row, 0, 3)).value();
    }

    @Test
    void valueIsTheMinerWeightedMeanCrossEntropyAndTheGradientMatchesFiniteDifferences() {
        double[][] z = {{1.0, -0.5, 0.3}, {0.2, 0.1, -1.0}, {-0.3, 0.8, 0.4}};
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            double lse = Math.log(Math.exp(z[i][0]) + Math.exp(z[i][1]) + Math.exp(z[i][2]));
            expected += (lse - z[i][LABELS[i]]) * MINER[i] / 3;
        }
        ClassLogitSoftmax ce = ClassLogitSoftmax.of(3, 3, LABELS, MINER, Reducer.MEAN, false, (i, row) -> System.arraycopy(z[i], 0, row, 0, 3));
        assertEquals(expected, ce.value(), 1e-12);
        double h = 1e-6;
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                z[i][k] += h;
                double up = value(z, false);
                z[i][k] -= 2 * h;
                double down = value(z, false);
                z[i][k] += h;
                assertEquals((up - down) / (2 * h), ce.logitGrad(i, k), 1e-8, "dL/dlogit " + i + "," + k);
            }
        }
    }

    @Test
    void droppedSamplesLeaveTheReductionAndGetNoGradient() {
        // sample 1's target logit is so far below the others that its probability underflows to 0
        double[][] z = {{1.0, -0.5, 0.3}, {0.0, 0.0, -2000}, {-0.3, 0.8, 0.4}};
        ClassLogitSoftmax kept = ClassLogitSoftmax.of(3, 3, LABELS, MINER, Reducer.MEAN, false,
                (i, row) -> System.arraycopy(z[i], 0, row, 0, 3));
        ClassLogitSoftmax dropped = ClassLogitSoftmax.of(3, 3, LABELS, MINER, Reducer.MEAN, true,
                (i, row) -> System.arraycopy(z[i], 0, row, 0, 3));
        double ce0 = Math.log(Math.exp(1.0) + Math.exp(-0.5) + Math.exp(0.3)) - 1.0;
        double ce2 = Math.log(Math.exp(-0.3) + Math.exp(0.8) + Math.exp(0.4)) - 0.8;
        assertEquals((ce0 * MINER[0] + ce2 * MINER[2]) / 2, dropped.value(), 1e-12, "mean over the two kept samples");
        assertEquals(0.0, dropped.sampleCoef(1));
        assertEquals(MINER[0] / 2, dropped.sampleCoef(0), 1e-15);
        assertEquals(MINER[1] / 3, kept.sampleCoef(1), 1e-15);
    }
}
