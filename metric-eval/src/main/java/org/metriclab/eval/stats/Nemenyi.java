package org.metriclab.eval.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Nemenyi's post-hoc test after Friedman (Demšar 2006, §3.2.2): two of k treatments ranked over N blocks
 * differ significantly when their average ranks differ by at least
 * {@code CD = q_α · √(k(k+1)/(6N))}, where {@code q_α} is the upper-α quantile of the studentized range of k
 * independent standard normals (infinite degrees of freedom) divided by √2. The quantile is computed
 * from {@code P(range ≤ w) = k ∫ φ(z) [Φ(z+w) − Φ(z)]^{k−1} dz} by Simpson integration and bisection
 * (accurate to about 1e-6), so any k ≥ 2 works, not only the tabulated ones.
 */
public final class Nemenyi {
    private static final NormalDistribution NORMAL = new NormalDistribution();

    private Nemenyi() {
    }

    public static double criticalDifference(int treatments, int blocks, double alpha) {
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks must be at least 1, got " + blocks);
        }
        return q(treatments, alpha) * Math.sqrt(treatments * (treatments + 1.0) / (6.0 * blocks));
    }

    /** Demšar's q_α: the studentized range quantile (∞ df) over √2. */
    public static double q(int treatments, double alpha) {
        if (treatments < 2) {
            throw new IllegalArgumentException("Nemenyi needs at least 2 treatments, got " + treatments);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        double lo = 0;
        double hi = 20;
        for (int it = 0; it < 48; it++) {
            double mid = (lo + hi) / 2;
            if (rangeCdf(mid, treatments) < 1 - alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2 / Math.sqrt(2);
    }

    /** P(max − min of k iid N(0,1) ≤ w). */
    static double rangeCdf(double w, int k) {
        int steps = 2000;
        double a = -9;
        double b = 9;
        double h = (b - a) / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double z = a + i * h;
            double f = NORMAL.density(z) * Math.pow(NORMAL.cumulativeProbability(z + w) - NORMAL.cumulativeProbability(z), k - 1);
            sum += f * (i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2));
        }
        return k * sum * h / 3;
    }
}
