package org.metriclab.deep.loss;

/**
 * A reduced loss value with its gradient w.r.t. the raw embeddings (N×D, row-major) and, for losses
 * that own proxies/class weights, w.r.t. those weights (C×D; {@code null} otherwise).
 */
public record LossOutput(double value, double[] gradEmbeddings, double[] gradWeights) {
    public static double norm(double[] g) {
        if (g == null) {
            return 0;
        }
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
