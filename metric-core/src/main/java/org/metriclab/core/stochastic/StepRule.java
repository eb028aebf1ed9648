package org.metriclab.core.stochastic;

/**
 * The update applied to L after each batch, with learning rate η_e = η / (1 + decay · (e − 1)) in
 * epoch e (1-based):
 * <ul>
 *   <li>{@code sgd}: L ← L − η_e g;</li>
 *   <li>{@code adam} (Kingma &amp; Ba 2015, β₁ = 0.9, β₂ = 0.999, ε = 1e-8): bias-corrected first and
 *       second moment estimates m̂, v̂ of g, L ← L − η_e m̂ / (√v̂ + ε). Its steps are about η_e in each
 *       coordinate whatever the gradient's scale, which suits the noisy, differently scaled estimates of
 *       the soft-neighbour objectives.</li>
 * </ul>
 * Holds the moment vectors (2 p·d values); not thread-safe.
 */
final class StepRule {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;
    private final StochasticOptions.Optimizer optimizer;
    private final double rate;
    private final double decay;
    private final double[] m;
    private final double[] v;
    private long t;

    StepRule(StochasticOptions.Optimizer optimizer, double rate, double decay, int size) {
        this.optimizer = optimizer;
        this.rate = rate;
        this.decay = decay;
        this.m = optimizer == StochasticOptions.Optimizer.ADAM ? new double[size] : null;
        this.v = optimizer == StochasticOptions.Optimizer.ADAM ? new double[size] : null;
    }

    /** η_e for the 1-based epoch e. */
    double rate(int epoch) {
        return rate / (1 + decay * (epoch - 1));
    }

    /** One update of {@code l} along the gradient estimate {@code g} in the given epoch. */
    void apply(double[] l, double[] g, int epoch) {
        double eta = rate(epoch);
        if (optimizer == StochasticOptions.Optimizer.SGD) {
            for (int k = 0; k < l.length; k++) {
                l[k] -= eta * g[k];
            }
            return;
        }
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (int k = 0; k < l.length; k++) {
            m[k] = BETA1 * m[k] + (1 - BETA1) * g[k];
            v[k] = BETA2 * v[k] + (1 - BETA2) * g[k] * g[k];
            l[k] -= eta * (m[k] / c1) / (Math.sqrt(v[k] / c2) + EPS);
        }
    }
}
