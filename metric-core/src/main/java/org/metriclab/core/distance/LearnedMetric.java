package org.metriclab.core.distance;

import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Vectors;

/**
 * A learned distance: an immutable map into an embedding space where the Euclidean distance is the
 * learned distance. Implementations must be thread-safe.
 */
public interface LearnedMetric extends Distance {
    int inputDim();

    int outputDim();

    double[] embed(double[] x);

    /** Embeds every row; implementations override this with a batched kernel where it pays. */
    default Matrix embed(Matrix x) {
        requireInputDim(x.cols());
        double[] out = new double[x.rows() * outputDim()];
        double[] row = new double[x.cols()];
        for (int i = 0; i < x.rows(); i++) {
            x.copyRow(i, row);
            System.arraycopy(embed(row), 0, out, i * outputDim(), outputDim());
        }
        return Matrix.of(x.rows(), outputDim(), out);
    }

    @Override
    default double between(double[] a, double[] b) {
        return Math.sqrt(Vectors.squaredDistance(embed(a), embed(b)));
    }

    default void requireInputDim(int dim) {
        if (dim != inputDim()) {
            throw new IllegalArgumentException("this metric takes " + inputDim() + "-dimensional inputs, got " + dim);
        }
    }
}
