package org.metriclab.core.preprocess;

import org.metriclab.core.linalg.Matrix;

/** A fitted, immutable feature transform (standardisation, PCA, ...). */
public interface Transform {
    int inputDim();

    int outputDim();

    double[] apply(double[] x);

    default Matrix apply(Matrix x) {
        if (x.cols() != inputDim()) {
            throw new IllegalArgumentException("transform takes " + inputDim() + " features, got " + x.cols());
        }
        double[] out = new double[x.rows() * outputDim()];
        double[] row = new double[x.cols()];
        for (int i = 0; i < x.rows(); i++) {
            x.copyRow(i, row);
            System.arraycopy(apply(row), 0, out, i * outputDim(), outputDim());
        }
        return Matrix.of(x.rows(), outputDim(), out);
    }
}
