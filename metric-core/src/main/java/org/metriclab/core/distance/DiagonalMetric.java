package org.metriclab.core.distance;

import java.util.Arrays;
import org.metriclab.core.linalg.Matrix;

/**
 * d(a, b) = ‖w ⊙ (a − b)‖: one non-negative weight per feature (L = diag(w)), stored as the d weights
 * instead of a dense d × d matrix.
 *
 * @param weights per feature, finite and non-negative, not all zero
 */
public record DiagonalMetric(double[] weights) implements LearnedMetric {
    public DiagonalMetric {
        weights = weights.clone();
        if (weights.length == 0) {
            throw new IllegalArgumentException("a diagonal metric needs at least 1 weight");
        }
        boolean any = false;
        for (int j = 0; j < weights.length; j++) {
            if (!(weights[j] >= 0) || Double.isInfinite(weights[j])) {
                throw new IllegalArgumentException("diagonal weight " + j + " must be finite and >= 0, got " + weights[j]);
            }
            any |= weights[j] > 0;
        }
        if (!any) {
            throw new IllegalArgumentException("every diagonal weight is 0: the metric would merge all points");
        }
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public int inputDim() {
        return weights.length;
    }

    @Override
    public int outputDim() {
        return weights.length;
    }

    @Override
    public double[] embed(double[] x) {
        requireInputDim(x.length);
        double[] z = new double[x.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = weights[j] * x[j];
        }
        return z;
    }

    @Override
    public Matrix embed(Matrix x) {
        requireInputDim(x.cols());
        int d = weights.length;
        double[] z = x.toArray();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < d; j++) {
                z[i * d + j] *= weights[j];
            }
        }
        return Matrix.of(x.rows(), d, z);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiagonalMetric m && Arrays.equals(weights, m.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "DiagonalMetric" + Arrays.toString(weights);
    }
}
