package org.metriclab.deep.loss;

/**
 * A row-major N×D block of embeddings in float64, optionally L2-normalised row by row the way
 * {@code torch.nn.functional.normalize} does it ({@code x / max(‖x‖, 1e-12)}), with the backward pass
 * through that normalisation so gradients always refer to the raw rows.
 */
final class Embeddings {
    private static final double EPS = 1e-12;

    final int n;
    final int d;
    final double[] raw;
    final double[] values;
    private final double[] norms;
    final double[] grad;

    Embeddings(double[] raw, int n, int d, boolean normalize) {
        if (raw.length != n * d) {
            throw new IllegalArgumentException("expected " + n + "×" + d + " values, got " + raw.length);
        }
        this.n = n;
        this.d = d;
        this.raw = raw;
        this.grad = new double[n * d];
        if (normalize) {
            norms = new double[n];
            values = new double[n * d];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += raw[i * d + k] * raw[i * d + k];
                }
                norms[i] = Math.sqrt(s);
                double div = Math.max(norms[i], EPS);
                for (int k = 0; k < d; k++) {
                    values[i * d + k] = raw[i * d + k] / div;
                }
            }
        } else {
            norms = null;
            values = raw;
        }
    }

    /** Gradient w.r.t. the raw rows, given the accumulated gradient w.r.t. {@link #values}. */
    double[] rawGradient() {
        if (norms == null) {
            return grad.clone();
        }
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (norms[i] <= EPS) {
                for (int k = 0; k < d; k++) {
                    out[i * d + k] = grad[i * d + k] / EPS;
                }
                continue;
            }
            double dot = 0;
            for (int k = 0; k < d; k++) {
                dot += values[i * d + k] * grad[i * d + k];
            }
            for (int k = 0; k < d; k++) {
                out[i * d + k] = (grad[i * d + k] - values[i * d + k] * dot) / norms[i];
            }
        }
        return out;
    }
}
