package org.metriclab.probabilistic;

import org.metriclab.core.linalg.RowProducts;

/** Uᵀ V of two flat row-major matrices with as many rows: the last product of every pair-objective gradient. */
final class TransposedProduct {
    private TransposedProduct() {
    }

    /**
     * Uᵀ V for u (n×a) and v (n×b): an a×b result, as the row products of Uᵀ and Vᵀ (transposed copies,
     * O(n(a + b))), rows of the result split between threads.
     */
    static double[] of(double[] u, int n, int a, double[] v, int b) {
        double[] ut = transpose(u, n, a);
        double[] vt = transpose(v, n, b);
        double[] out = new double[a * b];
        RowTasks.run(a, 8, (r0, r1) -> RowProducts.dots(ut, r0, r1, vt, b, n, out, RowProducts.Part.ALL));
        return out;
    }

    /** The c×r transpose of the r×c row-major matrix a. */
    private static double[] transpose(double[] a, int r, int c) {
        double[] t = new double[r * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                t[j * r + i] = a[i * c + j];
            }
        }
        return t;
    }
}
