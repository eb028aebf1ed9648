package org.metriclab.core.linalg;

/**
 * Inner products between the rows of two row-major matrices, register-tiled: c[r·qRows + s] =
 * Σ_t p[r·len + t]·q[s·len + t] for r < pRows, s < qRows. Products of other shapes are written in this
 * form over a transposed copy where needed (X Lᵀ and UᵀV of the softmax-neighbour gradients).
 *
 * <p>The kernel keeps a 4 × 4 block of sums in locals while it streams over t (eight loads per sixteen
 * fused multiply-adds, all rows read contiguously). HotSpot does not vectorise such reductions: the tile runs at
 * the scalar FMA rate (≈ 6 G multiply-adds/s here). Where the operands can be held as one array per row,
 * {@link RowCombinations}' axpy form is compiled to SIMD and runs ≈ 2.3× faster (LFDA's local scatters use it).
 * Rows and columns left over from the 4-blocks are plain dot products. Sums use
 * {@link Math#fma}, so they differ from a plain loop only by rounding. Single-threaded: callers
 * parallelise over blocks of rows of p.
 */
public final class RowProducts {
    private static final int B = 4;

    /** Which entries are computed, and what is known about q. */
    public enum Part {
        /** Every entry. */
        ALL,
        /** Only the entries with s ≥ r (p and q have the same number of rows); the others are left as they were. */
        UPPER,
        /**
         * Every entry, where q is upper triangular (q[s·len + t] = 0 for t &lt; s, len ≥ qRows): the sums
         * skip those zero terms, halving the work.
         */
        TRIANGULAR_Q
    }

    private RowProducts() {
    }

    /**
     * Fills c (pRows × qRows, row-major) with the inner products of the rows of p (pRows × len) and q
     * (qRows × len), the entries and assumptions chosen by {@code part}.
     */
    public static void dots(double[] p, int pRows, double[] q, int qRows, int len, double[] c, Part part) {
        dots(p, 0, pRows, q, qRows, len, c, part);
    }

    /**
     * As {@link #dots(double[], int, double[], int, int, double[], Part)}, for the rows rowFrom..rowTo−1
     * of p (and of c) only, so that callers can split the rows between threads; with {@link Part#UPPER}
     * rowFrom must be a multiple of 4.
     */
    public static void dots(double[] p, int rowFrom, int rowTo, double[] q, int qRows, int len, double[] c, Part part) {
        boolean upper = part == Part.UPPER;
        boolean triangular = part == Part.TRIANGULAR_Q;
        if (upper && rowFrom % B != 0) {
            throw new IllegalArgumentException("row products: the upper part needs a first row that is a multiple of "
                    + B + ", got " + rowFrom);
        }
        int pb = rowTo - (rowTo - rowFrom) % B;
        int qb = qRows - qRows % B;
        for (int r = rowFrom; r < pb; r += B) {
            for (int s = upper ? r : 0; s < qb; s += B) {
                tile(p, r, q, s, triangular ? s : 0, len, c, qRows, upper && s == r);
            }
            for (int rr = r; rr < r + B; rr++) {
                for (int s = qb; s < qRows; s++) {
                    c[rr * qRows + s] = dot(p, rr, q, s, triangular ? s : 0, len);
                }
            }
        }
        for (int r = pb; r < rowTo; r++) {
            for (int s = upper ? r : 0; s < qRows; s++) {
                c[r * qRows + s] = dot(p, r, q, s, triangular ? s : 0, len);
            }
        }
    }

    private static double dot(double[] p, int r, double[] q, int s, int from, int len) {
        int op = r * len;
        int oq = s * len;
        double sum = 0;
        for (int t = from; t < len; t++) {
            sum = Math.fma(p[op + t], q[oq + t], sum);
        }
        return sum;
    }

    /**
     * The 4 × 4 block at rows r.., columns s.., summing over t ∈ [from, len); on the diagonal only its
     * upper triangle is stored.
     */
    private static void tile(double[] p, int r, double[] q, int s, int from, int len, double[] c, int ldc, boolean diagonal) {
        int p0 = r * len;
        int p1 = p0 + len;
        int p2 = p1 + len;
        int p3 = p2 + len;
        int q0 = s * len;
        int q1 = q0 + len;
        int q2 = q1 + len;
        int q3 = q2 + len;
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int t = from; t < len; t++) {
            double a0 = p[p0 + t];
            double a1 = p[p1 + t];
            double a2 = p[p2 + t];
            double a3 = p[p3 + t];
            double b0 = q[q0 + t];
            double b1 = q[q1 + t];
            double b2 = q[q2 + t];
            double b3 = q[q3 + t];
            c00 = Math.fma(a0, b0, c00);
            c01 = Math.fma(a0, b1, c01);
            c02 = Math.fma(a0, b2, c02);
            c03 = Math.fma(a0, b3, c03);
            c10 = Math.fma(a1, b0, c10);
            c11 = Math.fma(a1, b1, c11);
            c12 = Math.fma(a1, b2, c12);
            c13 = Math.fma(a1, b3, c13);
            c20 = Math.fma(a2, b0, c20);
            c21 = Math.fma(a2, b1, c21);
            c22 = Math.fma(a2, b2, c22);
            c23 = Math.fma(a2, b3, c23);
            c30 = Math.fma(a3, b0, c30);
            c31 = Math.fma(a3, b1, c31);
            c32 = Math.fma(a3, b2, c32);
            c33 = Math.fma(a3, b3, c33);
        }
        int o0 = r * ldc + s;
        int o1 = o0 + ldc;
        int o2 = o1 + ldc;
        int o3 = o2 + ldc;
        c[o0] = c00;
        c[o0 + 1] = c01;
        c[o0 + 2] = c02;
        c[o0 + 3] = c03;
        c[o1 + 1] = c11;
        c[o1 + 2] = c12;
        c[o1 + 3] = c13;
        c[o2 + 2] = c22;
        c[o2 + 3] = c23;
        c[o3 + 3] = c33;
        if (!diagonal) {
            c[o1] = c10;
            c[o2] = c20;
            c[o2 + 1] = c21;
            c[o3] = c30;
            c[o3 + 1] = c31;
            c[o3 + 2] = c32;
        }
    }
}
