package org.metriclab.probabilistic.optim;

import java.util.Arrays;

/**
 * The outcome of a minimisation: the final parameters, their objective value, the number of
 * iterations taken and whether the stopping rule (rather than the iteration cap) ended the run.
 */
public record OptimResult(double[] x, double value, int iterations, boolean converged) {
    public OptimResult {
        x = x.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptimResult r && Arrays.equals(x, r.x) && Double.compare(value, r.value) == 0
                && iterations == r.iterations && converged == r.converged;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x) * 31 + Integer.hashCode(iterations);
    }

    @Override
    public String toString() {
        return "OptimResult[value=" + value + ", iterations=" + iterations + ", converged=" + converged + "]";
    }
}
