package org.metriclab.deep.spd;

/**
 * ReEig (rectified eigenvalues): f(λ) = max(ε, λ), keeping the matrix positive definite after a BiMap
 * (the SPD analogue of a ReLU). f′ is 1 above ε and 0 below; the divided difference of two eigenvalues
 * on opposite sides of ε is the exact slope of the chord.
 */
public record ReEig(double epsilon) implements EigenMap {
    public ReEig {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("reeig_epsilon must be a positive number, got " + epsilon);
        }
    }

    @Override
    public double apply(double lambda) {
        return Math.max(epsilon, lambda);
    }

    @Override
    public double derivative(double lambda) {
        return lambda > epsilon ? 1 : 0;
    }

    @Override
    public double dividedDifference(double a, double b) {
        if (a > epsilon && b > epsilon) {
            return 1;
        }
        if (a <= epsilon && b <= epsilon) {
            return 0;
        }
        return (apply(a) - apply(b)) / (a - b);
    }
}
