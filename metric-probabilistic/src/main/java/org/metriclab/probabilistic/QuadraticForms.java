package org.metriclab.probabilistic;

import java.util.stream.IntStream;
import org.metriclab.core.linalg.Vectors;

/** The squared Mahalanobis lengths vᵀ M v of a block of pair differences: the distances pair objectives score. */
final class QuadraticForms {
    private QuadraticForms() {
    }

    /** vᵀ M v for each row v of the m×d matrix {@code v}, M d×d. */
    static double[] of(double[] v, int m, int d, double[] mat) {
        double[] q = new double[m];
        IntStream.range(0, m).parallel().forEach(k -> {
            int o = k * d;
            double s = 0;
            for (int a = 0; a < d; a++) {
                s += v[o + a] * Vectors.dot(mat, a * d, v, o, d);
            }
            q[k] = s;
        });
        return q;
    }
}
