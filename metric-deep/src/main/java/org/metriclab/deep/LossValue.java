package org.metriclab.deep;

/** A loss value and the Frobenius norm of its gradient w.r.t. the raw embeddings. */
public record LossValue(double value, double gradNorm) {
}
