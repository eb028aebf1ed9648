package org.metriclab.probabilistic;

import org.metriclab.core.linalg.RowProducts;

/** The samples projected by a linear map, Z = X Lᵀ: the embedding every pair-distance objective starts from. */
final class ProjectedRows {
    private ProjectedRows() {
    }

    /** Z = X Lᵀ: x is n×d, l is p×d, the result n×p (tiled row products, rows split between threads). */
    static double[] of(double[] x, int n, int d, double[] l, int p) {
        double[] z = new double[n * p];
        RowTasks.run(n, RowTasks.ROWS, (i0, i1) -> RowProducts.dots(x, i0, i1, l, p, d, z, RowProducts.Part.ALL));
        return z;
    }
}
