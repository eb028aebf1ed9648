package org.metriclab.core.distance;

import org.metriclab.core.linalg.Matrix;

/**
 * The plain Euclidean distance on {@code dim} features, stored as its dimension only: the identity
 * metric of a wide dataset costs O(1) memory instead of a dense d × d matrix.
 */
public record IdentityMetric(int dim) implements LearnedMetric {
    public IdentityMetric {
        if (dim < 1) {
            throw new IllegalArgumentException("an identity metric needs at least 1 feature, got " + dim);
        }
    }

    @Override
    public int inputDim() {
        return dim;
    }

    @Override
    public int outputDim() {
        return dim;
    }

    @Override
    public double[] embed(double[] x) {
        requireInputDim(x.length);
        return x.clone();
    }

    @Override
    public Matrix embed(Matrix x) {
        requireInputDim(x.cols());
        return x;
    }
}
