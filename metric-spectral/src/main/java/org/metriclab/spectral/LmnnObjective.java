package org.metriclab.spectral;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.Matrix;

/**
 * LMNN's objective and gradient at L with active-set bookkeeping. Impostor candidates are the
 * differently labelled pairs (a, b) with ‖L_ref(x_a − x_b)‖² &lt; s·max(r_a, r_b), r_i = 1 + (largest
 * target distance of i), found at a reference L_ref by one all-pairs pass ({@link #refresh}); between
 * refreshes only candidates are evaluated. {@link #needsRefresh} asks for a new all-pairs pass once the
 * caller's period has elapsed, unless L provably has not moved far enough to miss an impostor: the
 * candidate set still contains every impostor while κ = ‖L − L_ref‖_F / σ_min(L_ref) ≤ (√s − 1)/(√s + 1)
 * (all distances then change by a factor within [(1−κ)², (1+κ)²]). Triplet (i, j, l) is active when
 * ‖L(x_i − x_l)‖² &lt; 1 + ‖L(x_i − x_j)‖². Objective (metric-learn 0.7's weighting):
 * μ Σ_{i,j} ‖L(x_i − x_j)‖² + (1 − μ) Σ_active [1 + d_ij − d_il]; gradient 2L(μ C_pull + (1 − μ) C_push)
 * with the constant pull scatter precomputed and the push scatter summed over touched rows only.
 * Deterministic: parallel loops only write disjoint slots.
 */
final class LmnnObjective {
    private final Matrix xm;
    private final double[] x;
    private final int n;
    private final int d;
    private final int[] y;
    private final int[][] targets;
    private final double push;
    private final double slack;
    private final double pull;
    private final Matrix pullScatter;
    private int[] candA = new int[0];
    private int[] candB = new int[0];
    private Matrix reference;
    private double sigmaMin;

    /** Value, gradient and active-triplet count at one L. */
    record Evaluation(double objective, Matrix gradient, int active) {
    }

    LmnnObjective(Matrix xm, int[] y, int[][] targets, double regularization, double slack) {
        this.xm = xm;
        this.x = xm.toArray();
        this.n = xm.rows();
        this.d = xm.cols();
        this.y = y.clone();
        this.targets = targets;
        this.pull = regularization;
        this.push = 1 - regularization;
        this.slack = slack;
        int k = targets[0].length;
        int[] left = new int[n * k];
        int[] right = new int[n * k];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < k; t++) {
                left[i * k + t] = i;
                right[i * k + t] = targets[i][t];
            }
        }
        this.pullScatter = Scatter.pairScatter(xm, left, right, null, true).scale(regularization);
    }

    int candidates() {
        return candA.length;
    }

    /** Whether L has moved far enough from the last refresh that the candidates may miss an impostor. */
    boolean needsRefresh(Matrix l, int sinceRefresh, int period) {
        if (sinceRefresh < period) {
            return false;
        }
        if (sigmaMin <= 0) {
            return true;
        }
        double kappa = l.minus(reference).frobeniusNorm() / sigmaMin;
        double s = Math.sqrt(slack);
        return kappa > (s - 1) / (s + 1);
    }

    private static double sq(double[] z, int p, int a, int b) {
        double s = 0;
        int oa = a * p;
        int ob = b * p;
        for (int t = 0; t < p; t++) {
            double diff = z[oa + t] - z[ob + t];
            s += diff * diff;
        }
        return s;
    }

    private double[] targetDistances(double[] z, int p) {
        int k = targets[0].length;
        double[] dt = new double[n * k];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int t = 0; t < k; t++) {
                dt[i * k + t] = sq(z, p, i, targets[i][t]);
            }
        });
        return dt;
    }

    /** Recomputes the impostor candidates at L with one all-pairs pass (parallel over rows). */
    void refresh(Matrix l) {
        int p = l.rows();
        int k = targets[0].length;
        double[] z = embed(l);
        double[] dt = targetDistances(z, p);
        double[] r = new double[n];
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double m = 0;
            for (int t = 0; t < k; t++) {
                m = Math.max(m, dt[i * k + t]);
            }
            r[i] = 1 + m;
            double s = 0;
            for (int t = 0; t < p; t++) {
                s += z[i * p + t] * z[i * p + t];
            }
            norms[i] = s;
        }
        int[][] found = IntStream.range(0, n).parallel().mapToObj(a -> {
            int[] buf = new int[16];
            int c = 0;
            int oa = a * p;
            for (int b = a + 1; b < n; b++) {
                if (y[a] == y[b]) {
                    continue;
                }
                int ob = b * p;
                double dot = 0;
                for (int t = 0; t < p; t++) {
                    dot += z[oa + t] * z[ob + t];
                }
                // 1e-9 relative guard: the Gram form may round a true distance slightly low or high
                if (norms[a] + norms[b] - 2 * dot < slack * Math.max(r[a], r[b]) * (1 + 1e-9) + 1e-9) {
                    if (c == buf.length) {
                        buf = Arrays.copyOf(buf, 2 * c);
                    }
                    buf[c++] = b;
                }
            }
            return Arrays.copyOf(buf, c);
        }).toArray(int[][]::new);
        int total = 0;
        for (int[] f : found) {
            total += f.length;
        }
        candA = new int[total];
        candB = new int[total];
        int c = 0;
        for (int a = 0; a < n; a++) {
            for (int b : found[a]) {
                candA[c] = a;
                candB[c] = b;
                c++;
            }
        }
        reference = l;
        if (p == d) {
            double[] ev = Eigen.symmetric(l.gram()).values();
            sigmaMin = Math.sqrt(Math.max(ev[ev.length - 1], 0.0));
        } else {
            sigmaMin = 0;
        }
    }

    /** Z = X Lᵀ as a flat n × p array. */
    private double[] embed(Matrix l) {
        return xm.times(l.transpose()).toArray();
    }

    private void addPair(double[] r, boolean[] touched, int p, int q, double w) {
        int op = p * d;
        int oq = q * d;
        touched[p] = true;
        touched[q] = true;
        for (int t = 0; t < d; t++) {
            double diff = w * (x[op + t] - x[oq + t]);
            r[op + t] += diff;
            r[oq + t] -= diff;
        }
    }

    Evaluation evaluate(Matrix l) {
        int p = l.rows();
        int k = targets[0].length;
        double[] z = embed(l);
        double[] dt = targetDistances(z, p);
        double objective = 0;
        for (double v : dt) {
            objective += pull * v;
        }
        double[] rows = new double[n * d];
        boolean[] touched = new boolean[n];
        int active = 0;
        double hinge = 0;
        for (int c = 0; c < candA.length; c++) {
            int a = candA[c];
            int b = candB[c];
            double dab = sq(z, p, a, b);
            for (int side = 0; side < 2; side++) {
                int anchor = side == 0 ? a : b;
                int other = side == 0 ? b : a;
                int count = 0;
                for (int t = 0; t < k; t++) {
                    double margin = 1 + dt[anchor * k + t] - dab;
                    if (margin > 0) {
                        hinge += margin;
                        addPair(rows, touched, anchor, targets[anchor][t], push);
                        count++;
                    }
                }
                if (count > 0) {
                    addPair(rows, touched, anchor, other, -push * count);
                    active += count;
                }
            }
        }
        objective += push * hinge;
        int[] used = IntStream.range(0, n).filter(i -> touched[i]).toArray();
        double[] g = new double[d * d];
        IntStream.range(0, d).parallel().forEach(a -> {
            for (int i : used) {
                double xa = x[i * d + a];
                if (xa == 0.0) {
                    continue;
                }
                int o = i * d;
                for (int b = 0; b < d; b++) {
                    g[a * d + b] += xa * rows[o + b];
                }
            }
        });
        Matrix scatter = Matrix.of(d, d, g).symmetrize().plus(pullScatter);
        return new Evaluation(objective, l.times(scatter).scale(2.0), active);
    }
}
