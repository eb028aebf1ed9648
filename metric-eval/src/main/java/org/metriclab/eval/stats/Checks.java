package org.metriclab.eval.stats;

/** Input validation shared by the tests of this package. */
final class Checks {
    private Checks() {
    }

    static void finite(double[] values, String what) {
        if (values == null) {
            throw new IllegalArgumentException(what + ": expected an array of finite numbers, got null");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + values[i] + ": expected finite numbers");
            }
        }
    }

    static void paired(double[] a, double[] b) {
        finite(a, "a");
        finite(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples need equal lengths, got " + a.length + " and " + b.length);
        }
    }

    static void confidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }
}
