package org.metriclab.probabilistic;

import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.linalg.Matrix;

/**
 * Kernel PCCA's embedding x ↦ A k(x), with k(x)_j = exp(−‖x − r_j‖² / (2σ²)) over the reference rows
 * r_j kept from training: the distance is ‖A(k(x) − k(y))‖, a metric on the RBF feature space
 * restricted to the span of the references (any input, seen or not, embeds the same way).
 *
 * @param references n × d training rows the kernel is taken against
 * @param sigma      RBF bandwidth, > 0
 * @param a          k × n coefficients
 */
public record KernelPccaMetric(Matrix references, double sigma, Matrix a) implements LearnedMetric {
    public KernelPccaMetric {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("kernel pcca metric: sigma must be a finite number > 0, got " + sigma);
        }
        if (a.cols() != references.rows()) {
            throw new IllegalArgumentException("kernel pcca metric: " + a.shape() + " coefficients for " + references.rows()
                    + " references");
        }
        if (!a.isFinite() || !references.isFinite()) {
            throw new IllegalArgumentException("kernel pcca metric: non-finite coefficients or references");
        }
    }

    @Override
    public int inputDim() {
        return references.cols();
    }

    @Override
    public int outputDim() {
        return a.rows();
    }

    @Override
    public double[] embed(double[] x) {
        requireInputDim(x.length);
        return a.times(kernelVector(x));
    }

    double[] kernelVector(double[] x) {
        int n = references.rows();
        double[] k = new double[n];
        double[] r = new double[x.length];
        double scale = 1 / (2 * sigma * sigma);
        for (int j = 0; j < n; j++) {
            references.copyRow(j, r);
            k[j] = Math.exp(-KMeansCentres.squared(x, r) * scale);
        }
        return k;
    }
}
