package org.metriclab.core.distance;

/**
 * A dissimilarity between two vectors of equal length: non-negative, symmetric, zero for identical
 * inputs; smaller means closer. Similarities are turned into distances at the boundary, so nothing
 * downstream branches on direction.
 */
@FunctionalInterface
public interface Distance {
    double between(double[] a, double[] b);
}
