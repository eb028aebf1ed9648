package org.metriclab.core.stochastic;

/**
 * Evaluates one batch: Σ_{i ∈ queries} f_i and its gradient in L. The local oracle sums the queries
 * in order; a distributed one sums per partition and then across partitions, so the two agree up to
 * floating-point summation order.
 */
public interface GradientOracle {
    /**
     * Adds Σ_i ∇f_i (p×d, row-major, unnormalised) to {@code gradient} and returns Σ_i f_i, for the
     * transformation {@code l} (p×d).
     */
    double accumulate(double[] l, int p, Batch batch, double[] gradient);
}
