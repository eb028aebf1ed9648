package org.metriclab.deep.spd;

import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.linalg.Matrix;

/**
 * The metric of a trained SPDNet: a row is turned into its covariance descriptor, then embedded by the
 * network; d(a, b) = ‖f(a) − f(b)‖₂. Immutable.
 */
public record SpdMetric(CovarianceDescriptor descriptor, int inputDim, SpdNet net) implements LearnedMetric {
    public SpdMetric {
        if (descriptor.order(inputDim) != net.inputOrder()) {
            throw new IllegalArgumentException("the descriptor gives " + descriptor.order(inputDim) + "×" + descriptor.order(inputDim)
                    + " matrices but the network takes order " + net.inputOrder());
        }
    }

    @Override
    public int outputDim() {
        return net.outputDim();
    }

    @Override
    public double[] embed(double[] x) {
        requireInputDim(x.length);
        for (int j = 0; j < x.length; j++) {
            if (!Double.isFinite(x[j])) {
                throw new IllegalArgumentException("inputs must be finite; feature " + (j + 1) + " is " + x[j]);
            }
        }
        return net.embed(descriptor.describe(x));
    }

    @Override
    public Matrix embed(Matrix x) {
        requireInputDim(x.cols());
        double[] out = new double[x.rows() * outputDim()];
        double[] row = new double[x.cols()];
        for (int i = 0; i < x.rows(); i++) {
            x.copyRow(i, row);
            System.arraycopy(embed(row), 0, out, i * outputDim(), outputDim());
        }
        return Matrix.of(x.rows(), outputDim(), out);
    }
}
