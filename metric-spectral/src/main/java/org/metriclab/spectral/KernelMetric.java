package org.metriclab.spectral;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.linalg.Matrix;

/**
 * A kernel spectral metric: x ↦ Tᵀ k̃(x), where k(x) = [k(x₁, x), …, k(x_n, x)] against the stored
 * training points, centred as in kernel PCA, k̃(x) = k(x) − m − mean(k(x)) + μ (m: column means of
 * the training kernel matrix K, μ: its grand mean), and T (n × p) the learned coefficients. Then
 * d(a, b) = ‖Tᵀ(k̃(a) − k̃(b))‖, a pseudo-metric; out-of-sample points embed by kernel evaluations.
 */
public final class KernelMetric implements LearnedMetric {
    private final Kernel kernel;
    private final Matrix points;
    private final Matrix coefficients;
    private final double[] columnMeans;
    private final double grandMean;
    private final double[] pts;
    private final double[] coef;

    public KernelMetric(Kernel kernel, Matrix points, Matrix coefficients, double[] columnMeans, double grandMean) {
        if (kernel == null || points == null || coefficients == null || columnMeans == null) {
            throw new IllegalArgumentException("kernel metric: kernel, points, coefficients and column means are required");
        }
        if (coefficients.rows() != points.rows() || columnMeans.length != points.rows()) {
            throw new IllegalArgumentException("kernel metric: " + points.rows() + " points need " + points.rows()
                    + " coefficient rows and column means, got " + coefficients.shape() + " and " + columnMeans.length);
        }
        if (points.firstNonFinite() != null || coefficients.firstNonFinite() != null || !Double.isFinite(grandMean)
                || Arrays.stream(columnMeans).anyMatch(v -> !Double.isFinite(v))) {
            throw new IllegalArgumentException("kernel metric: stored values must be finite");
        }
        this.kernel = kernel;
        this.points = points;
        this.coefficients = coefficients;
        this.columnMeans = columnMeans.clone();
        this.grandMean = grandMean;
        this.pts = points.toArray();
        this.coef = coefficients.toArray();
    }

    public Kernel kernel() {
        return kernel;
    }

    public Matrix points() {
        return points;
    }

    public Matrix coefficients() {
        return coefficients;
    }

    public double[] columnMeans() {
        return columnMeans.clone();
    }

    public double grandMean() {
        return grandMean;
    }

    @Override
    public int inputDim() {
        return points.cols();
    }

    @Override
    public int outputDim() {
        return coefficients.cols();
    }

    @Override
    public double[] embed(double[] x) {
        requireInputDim(x.length);
        return embedRow(x, 0);
    }

    private double[] embedRow(double[] x, int offset) {
        int n = points.rows();
        int d = points.cols();
        int p = coefficients.cols();
        double[] k = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            k[i] = kernel.apply(pts, i * d, x, offset, d);
            mean += k[i];
        }
        mean /= n;
        double[] out = new double[p];
        for (int i = 0; i < n; i++) {
            double ki = k[i] - columnMeans[i] - mean + grandMean;
            for (int t = 0; t < p; t++) {
                out[t] += ki * coef[i * p + t];
            }
        }
        return out;
    }

    @Override
    public Matrix embed(Matrix x) {
        requireInputDim(x.cols());
        double[] data = x.toArray();
        int p = outputDim();
        double[] out = new double[x.rows() * p];
        IntStream.range(0, x.rows()).parallel().forEach(r -> System.arraycopy(embedRow(data, r * x.cols()), 0, out, r * p, p));
        return Matrix.of(x.rows(), p, out);
    }
}
