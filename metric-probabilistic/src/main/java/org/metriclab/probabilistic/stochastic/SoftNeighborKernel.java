package org.metriclab.probabilistic.stochastic;

import java.util.Arrays;
import org.metriclab.core.stochastic.LinearEmbedding;

/**
 * The arithmetic of one batch of a soft-neighbour objective over explicit rows: query rows X_Q and
 * reference rows X_R (row-major, with their data-set indices), the transformation L (p×d).
 *
 * <p>For query i with z = L x: D_ij = ‖z_i − z_j‖², p_ij = softmax over the references j ≠ i, s_i and
 * G_ij = f_i'(s_i) p_ij (s_i − t_ij) = ∂f_i/∂D_ij as in {@link SoftNeighborLoss}. Since
 * ∂D_ij/∂L = 2(z_i − z_j)(x_i − x_j)ᵀ, the gradient is 2(Σ_i u_i x_iᵀ − Σ_j w_j x_jᵀ) with
 * u_i = Σ_j G_ij (z_i − z_j) and w_j = Σ_i G_ij (z_i − z_j): O(b·m·p) for the pairs and O((b + m)·p·d)
 * for the outer products, never a pair's p×d term.
 *
 * <p>Memory: the embedded references (m×p), w (m×p) and one query's scratch; nothing grows with the
 * number of rows of the data set.
 */
final class SoftNeighborKernel {
    private SoftNeighborKernel() {
    }

    /**
     * Σ_{queries} f_i over references shared by all queries; adds Σ_i ∇f_i to {@code gradient}.
     * {@code xq}/{@code xr} hold the rows of {@code queries}/{@code references}, in that order.
     */
    static double shared(double[] xq, int[] queries, double[] xr, int[] references, int d, double[] l, int p,
                         SoftNeighborLoss loss, double[] gradient) {
        int m = references.length;
        double[] zr = LinearEmbedding.embed(xr, m, d, l, p);
        double[] w = new double[m * p];
        Scratch s = new Scratch(m, p, d);
        double f = 0;
        for (int a = 0; a < queries.length; a++) {
            double[] zq = LinearEmbedding.embed(s.query(xq, a), 1, d, l, p);
            f += row(queries[a], zq, zr, references, m, p, loss, s, w);
            LinearEmbedding.outerRow(gradient, 2.0, s.u, 0, s.xq, 0, p, d);
        }
        for (int c = 0; c < m; c++) {
            LinearEmbedding.outerRow(gradient, -2.0, w, c * p, xr, c * d, p, d);
        }
        return f;
    }

    /**
     * Σ_{queries} f_i where query a's softmax runs over its own rows {@code candidates[a]}, whose values
     * are {@code xc[a]} (row-major); adds Σ_i ∇f_i to {@code gradient}.
     */
    static double candidates(double[] xq, int[] queries, double[][] xc, int[][] candidates, int d, double[] l, int p,
                             SoftNeighborLoss loss, double[] gradient) {
        double f = 0;
        for (int a = 0; a < queries.length; a++) {
            int m = candidates[a].length;
            Scratch s = new Scratch(m, p, d);
            double[] zq = LinearEmbedding.embed(s.query(xq, a), 1, d, l, p);
            double[] zr = LinearEmbedding.embed(xc[a], m, d, l, p);
            double[] w = new double[m * p];
            f += row(queries[a], zq, zr, candidates[a], m, p, loss, s, w);
            LinearEmbedding.outerRow(gradient, 2.0, s.u, 0, s.xq, 0, p, d);
            for (int c = 0; c < m; c++) {
                LinearEmbedding.outerRow(gradient, -2.0, w, c * p, xc[a], c * d, p, d);
            }
        }
        return f;
    }

    /** Per-query scratch: the query row x_i, its u_i, and the distances, then weights, to the references. */
    private static final class Scratch {
        final double[] xq;
        final double[] u;
        final double[] e;

        Scratch(int m, int p, int d) {
            this.xq = new double[d];
            this.u = new double[p];
            this.e = new double[m];
        }

        /** Copies query row {@code a} of {@code x} into {@link #xq} and returns it. */
        double[] query(double[] x, int a) {
            System.arraycopy(x, a * xq.length, xq, 0, xq.length);
            return xq;
        }
    }

    /**
     * Query i's term: fills {@code s.u} with u_i, adds G_ij (z_i − z_j) to row j of {@code w}, returns
     * f_i (0 when i has no reference other than itself: its term is then left out of the estimate).
     */
    private static double row(int i, double[] zq, double[] zr, int[] refs, int m, int p, SoftNeighborLoss loss,
                              Scratch s, double[] w) {
        double[] e = s.e;
        double min = Double.POSITIVE_INFINITY;
        int others = 0;
        for (int c = 0; c < m; c++) {
            double dist = 0;
            for (int a = 0; a < p; a++) {
                double t = zq[a] - zr[c * p + a];
                dist += t * t;
            }
            e[c] = refs[c] == i ? Double.NaN : dist;
            min = refs[c] == i ? min : Math.min(min, dist);
            others += refs[c] == i ? 0 : 1;
        }
        Arrays.fill(s.u, 0.0);
        if (others == 0) {
            return 0;
        }
        if (!(min < Double.POSITIVE_INFINITY)) {
            // overflowed (or NaN) distances: no softmax exists; the solver stops on the non-finite loss
            return Double.NaN;
        }
        double sum = 0;
        double weighted = 0;
        for (int c = 0; c < m; c++) {
            double v = refs[c] == i ? 0.0 : Math.exp(min - e[c]);
            e[c] = v;
            sum += v;
            weighted += v * loss.target(i, refs[c]);
        }
        double stat = weighted / sum;
        double scale = loss.rowScale(i, stat) / sum;
        for (int c = 0; c < m; c++) {
            double g = scale * (stat - loss.target(i, refs[c])) * e[c];
            if (g == 0) {
                continue;
            }
            int o = c * p;
            for (int a = 0; a < p; a++) {
                double diff = g * (zq[a] - zr[o + a]);
                s.u[a] += diff;
                w[o + a] += diff;
            }
        }
        return loss.rowValue(i, stat);
    }
}
