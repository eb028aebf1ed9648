package org.metriclab.spectral;

/**
 * The quadratic programme of {@link KernelEigenWeightsLearner}:
 * minimise f(w) = Σ_k c_k w_k + (η/2) Σ_k (w_k − 1)² subject to w ≥ 0 and Σ_k s_k w_k = Σ_k s_k (s > 0).
 * Its KKT conditions give w_k(ν) = max(0, 1 + (ν s_k − c_k)/η) for the multiplier ν of the equality;
 * Σ_k s_k w_k(ν) is continuous and nondecreasing in ν, so ν is bracketed, bisected, and then solved
 * exactly on the resulting set of positive weights (on which the constraint is linear in ν). The
 * problem is strictly convex, so this w is its unique minimiser.
 */
record EigenWeightsQp(double[] c, double[] s, double eta) {
    EigenWeightsQp {
        if (c.length != s.length || c.length == 0) {
            throw new IllegalArgumentException("eigen weights QP: " + c.length + " costs for " + s.length + " scales");
        }
        for (double v : s) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("eigen weights QP: scales must be finite and > 0, got " + v);
            }
        }
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eigen weights QP: eta must be finite and > 0, got " + eta);
        }
        c = c.clone();
        s = s.clone();
    }

    double objective(double[] w) {
        double f = 0;
        for (int k = 0; k < w.length; k++) {
            f += c[k] * w[k] + 0.5 * eta * (w[k] - 1) * (w[k] - 1);
        }
        return f;
    }

    /** The minimiser w. */
    double[] solve() {
        double target = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c.length; k++) {
            target += s[k];
            lo = Math.min(lo, (c[k] - eta) / s[k]);
            hi = Math.max(hi, c[k] / s[k]);
        }
        for (int it = 0; it < 200 && hi > lo; it++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (mass(mid) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double nu = 0.5 * (lo + hi);
        double num = target;
        double den = 0;
        for (int k = 0; k < c.length; k++) {
            if (1 + (nu * s[k] - c[k]) / eta > 0) {
                num -= s[k] * (1 - c[k] / eta);
                den += s[k] * s[k] / eta;
            }
        }
        double exact = den > 0 ? num / den : nu;
        return weights(mass(exact) > 0 && Math.abs(mass(exact) - target) <= Math.abs(mass(nu) - target) ? exact : nu);
    }

    double[] weights(double nu) {
        double[] w = new double[c.length];
        for (int k = 0; k < c.length; k++) {
            w[k] = Math.max(0.0, 1 + (nu * s[k] - c[k]) / eta);
        }
        return w;
    }

    private double mass(double nu) {
        double m = 0;
        double[] w = weights(nu);
        for (int k = 0; k < w.length; k++) {
            m += s[k] * w[k];
        }
        return m;
    }
}
