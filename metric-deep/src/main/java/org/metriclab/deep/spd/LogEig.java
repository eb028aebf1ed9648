package org.metriclab.deep.spd;

/**
 * LogEig: f(λ) = log λ, the matrix logarithm that maps the SPD manifold to the flat space of symmetric
 * matrices (log-Euclidean), where Euclidean layers and metric losses apply. The divided difference
 * log(a/b)/(a − b) is evaluated through log1p, and by its series 1/b·(1 − r/2 + r²/3) for a relative gap
 * r = (a − b)/b below 1e-5, so equal and nearly equal eigenvalues keep full precision.
 */
public record LogEig() implements EigenMap {
    @Override
    public double apply(double lambda) {
        requirePositive(lambda);
        return Math.log(lambda);
    }

    @Override
    public double derivative(double lambda) {
        requirePositive(lambda);
        return 1 / lambda;
    }

    @Override
    public double dividedDifference(double a, double b) {
        requirePositive(a);
        requirePositive(b);
        double r = (a - b) / b;
        if (Math.abs(r) < 1e-5) {
            return (1 - r / 2 + r * r / 3) / b;
        }
        return Math.log1p(r) / (a - b);
    }

    private static void requirePositive(double lambda) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("LogEig needs a positive definite input; got eigenvalue " + lambda
                    + "; put a ReEig layer before it or raise reeig_epsilon");
        }
    }
}
