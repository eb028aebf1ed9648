package org.metriclab.experiments.cli;

import java.math.BigDecimal;

/** A false-alarm (false-accept) rate target given on the command line, in (0, 1). */
record FarTarget(double value) {
    FarTarget {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException("FAR " + value + " is outside (0, 1); give a false-alarm rate such as 0.01");
        }
    }

    /** The digits as in measure names, '_' for the point: 0.001 → 0_001, 0.05 → 0_05. */
    String label() {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString().replace('.', '_');
    }

    /** e for a target 10^−e (e = 1..9); any other target is a one-line error. */
    int exponent() {
        for (int e = 1; e <= 9; e++) {
            if (new BigDecimal(Double.toString(value)).compareTo(BigDecimal.ONE.movePointLeft(e)) == 0) {
                return e;
            }
        }
        throw new IllegalArgumentException("FAR " + value + " is not one of 0.1, 0.01, ..., 1e-9; verification thresholds are taken at powers of ten");
    }
}
