package org.metriclab.probabilistic.optim;

/**
 * A smooth function of a flat parameter vector, to be minimised. {@link #valueAndGradient} writes the
 * gradient into its second argument (same length as x) and returns the value; {@link #value} may skip
 * the gradient work.
 */
public interface Objective {
    double value(double[] x);

    double valueAndGradient(double[] x, double[] gradient);
}
