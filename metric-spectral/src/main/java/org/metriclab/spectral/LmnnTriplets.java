package org.metriclab.spectral;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.metriclab.core.constraint.Triplets;
import org.metriclab.core.linalg.Matrix;

/**
 * LMNN's objective over an explicit, fixed set of triplets (a, p, n) — "a closer to p than to n":
 * f(L) = w_pull Σ_{(a,p)} ‖L(x_a − x_p)‖² + w_push Σ_{(a,p,n)} [1 + ‖L(x_a − x_p)‖² − ‖L(x_a − x_n)‖²]_+,
 * the pull sum running over the distinct ordered (anchor, positive) pairs (each once, like LMNN's
 * target pairs, where j a target of i and i a target of j count twice) and the hinge over every
 * triplet. Gradient 2 L Σ_e ω_e d_e d_eᵀ over the distinct ordered pairs e
 * (d_e their difference vectors) with ω_e = w_pull·[e is a pull pair] + w_push·(#active triplets with
 * e as (a,p) − #active triplets with e as (a,n)), assembled as Xᵀ Λ_ω X through the weighted pair
 * Laplacian Λ_ω (no d × d outer product per pair). With the triplets {(i, j, l): j a target neighbour
 * of i, y_l ≠ y_i} this is exactly the label-supervised LMNN objective.
 */
final class LmnnTriplets {
    private final int d;
    private final int n;
    private final int pairs;
    private final double[] x;
    private final int[] left;
    private final int[] right;
    private final boolean[] pullPair;
    private final int[] positive;
    private final int[] negative;
    private final double pull;
    private final double push;

    /** Objective value, gradient with respect to L and number of active (positive-hinge) triplets. */
    record Evaluation(double objective, Matrix gradient, int active) implements LmnnLearner.Evaluated {
    }

    LmnnTriplets(Matrix xm, Triplets t, double regularization) {
        d = xm.cols();
        n = xm.rows();
        x = xm.toArray();
        int m = t.size();
        positive = new int[m];
        negative = new int[m];
        Map<Long, Integer> index = new HashMap<>();
        int[] lft = new int[2 * m];
        int[] rgt = new int[2 * m];
        for (int c = 0; c < m; c++) {
            for (int side = 0; side < 2; side++) {
                int a = t.anchor(c);
                int b = side == 0 ? t.positive(c) : t.negative(c);
                long key = (long) a * n + b;
                Integer e = index.get(key);
                if (e == null) {
                    e = index.size();
                    index.put(key, e);
                    lft[e] = a;
                    rgt[e] = b;
                }
                if (side == 0) {
                    positive[c] = e;
                } else {
                    negative[c] = e;
                }
            }
        }
        pairs = index.size();
        left = Arrays.copyOf(lft, pairs);
        right = Arrays.copyOf(rgt, pairs);
        pullPair = new boolean[pairs];
        for (int e : positive) {
            pullPair[e] = true;
        }
        pull = regularization;
        push = 1 - regularization;
    }

    /**
     * Value and gradient at L: Z = X Lᵀ once (n·d·p), pair distances from Z (p each), and the gradient
     * 2 L Xᵀ(Λ_ω X) through the weighted pair Laplacian (d per pair, then n·d² for Xᵀ(Λ_ω X)).
     */
    Evaluation evaluate(Matrix l) {
        int p = l.rows();
        double[] z = LmnnObjective.embed(x, n, d, l);
        double[] dist = new double[pairs];
        for (int e = 0; e < pairs; e++) {
            int oa = left[e] * p;
            int ob = right[e] * p;
            double s = 0;
            for (int r = 0; r < p; r++) {
                double v = z[oa + r] - z[ob + r];
                s += v * v;
            }
            dist[e] = s;
        }
        double[] w = new double[pairs];
        double objective = 0;
        for (int e = 0; e < pairs; e++) {
            if (pullPair[e]) {
                objective += pull * dist[e];
                w[e] += pull;
            }
        }
        int active = 0;
        for (int c = 0; c < positive.length; c++) {
            double margin = 1 + dist[positive[c]] - dist[negative[c]];
            if (margin > 0) {
                objective += push * margin;
                w[positive[c]] += push;
                w[negative[c]] -= push;
                active++;
            }
        }
        // Λ_ω X: row a gets ω_e (x_a − x_b), row b gets −ω_e (x_a − x_b)
        double[] lx = new double[n * d];
        boolean[] touched = new boolean[n];
        for (int e = 0; e < pairs; e++) {
            if (w[e] == 0) {
                continue;
            }
            int oa = left[e] * d;
            int ob = right[e] * d;
            touched[left[e]] = true;
            touched[right[e]] = true;
            for (int j = 0; j < d; j++) {
                double v = w[e] * (x[oa + j] - x[ob + j]);
                lx[oa + j] += v;
                lx[ob + j] -= v;
            }
        }
        double[] g = new double[d * d];
        for (int i = 0; i < n; i++) {
            if (!touched[i]) {
                continue;
            }
            int oi = i * d;
            for (int a = 0; a < d; a++) {
                double xa = x[oi + a];
                if (xa == 0.0) {
                    continue;
                }
                int ga = a * d;
                for (int b = 0; b < d; b++) {
                    g[ga + b] += xa * lx[oi + b];
                }
            }
        }
        return new Evaluation(objective, l.times(Matrix.of(d, d, g).symmetrize()).scale(2.0), active);
    }
}
