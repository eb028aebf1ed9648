package org.metriclab.spectral;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.RowPairs;

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
 * with the constant pull scatter precomputed and the push scatter C_push = Σ_active (C_ij − C_il) kept
 * up to date incrementally from the triplets whose activity changed since the last accepted step.
 * Deterministic: parallel loops only write disjoint slots.
 */
final class LmnnObjective {
    /** Below this many multiply-adds a loop runs sequentially (fork/join overhead dominates). */
    private static final long PARALLEL_WORK = 1L << 18;
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
    private int[] committedMask;
    private double[] committedPush;

    /** Value, gradient and active-triplet count at one L, with the active-set state it was computed from. */
    record Evaluation(double objective, Matrix gradient, int active, int[] mask, double[] push) implements LmnnLearner.Evaluated {
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
        this.pullScatter = new RowPairs(left, right).scatter(xm).scale(regularization);
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
        IntStream rows = IntStream.range(0, n);
        if ((long) n * k * p >= PARALLEL_WORK) {
            rows = rows.parallel();
        }
        rows.forEach(i -> {
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
        committedMask = null;
        committedPush = null;
        if (p == d) {
            double[] ev = Eigen.symmetric(l.gram()).values();
            sigmaMin = Math.sqrt(Math.max(ev[ev.length - 1], 0.0));
        } else {
            sigmaMin = 0;
        }
    }

    /** Z = X Lᵀ as a flat n × p array. */
    private double[] embed(Matrix l) {
        return embed(x, n, d, l);
    }

    /** Z = X Lᵀ as a flat n × p array for the n × d row-major x (rows in parallel when large; each row independent). */
    static double[] embed(double[] x, int n, int d, Matrix l) {
        int p = l.rows();
        double[] lt = l.transpose().toArray();
        double[] z = new double[n * p];
        IntStream rows = IntStream.range(0, n);
        if ((long) n * d * p >= 8 * PARALLEL_WORK) {
            rows = rows.parallel();
        }
        rows.forEach(i -> {
            int oi = i * d;
            int oz = i * p;
            for (int j = 0; j < d; j++) {
                double xij = x[oi + j];
                if (xij == 0.0) {
                    continue;
                }
                int oj = j * p;
                for (int t = 0; t < p; t++) {
                    z[oz + t] += xij * lt[oj + t];
                }
            }
        });
        return z;
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

    /**
     * Objective and gradient at L. The push scatter C_push = Σ_active (C_ij − C_il) is updated from the
     * last {@link #accept accepted} evaluation by the triplets whose activity changed (2d² each) when
     * few changed, and rebuilt from the active set (through ΛX, O(active·d + n d²)) otherwise.
     */
    Evaluation evaluate(Matrix l) {
        int p = l.rows();
        int k = targets[0].length;
        double[] z = embed(l);
        double[] dt = targetDistances(z, p);
        double objective = 0;
        for (double v : dt) {
            objective += pull * v;
        }
        int[] mask = new int[candA.length * 2];
        int active = 0;
        long changed = 0;
        double hinge = 0;
        for (int c = 0; c < candA.length; c++) {
            int a = candA[c];
            int b = candB[c];
            double dab = sq(z, p, a, b);
            for (int side = 0; side < 2; side++) {
                int anchor = side == 0 ? a : b;
                int bits = 0;
                for (int t = 0; t < k; t++) {
                    double margin = 1 + dt[anchor * k + t] - dab;
                    if (margin > 0) {
                        hinge += margin;
                        bits |= 1 << t;
                        active++;
                    }
                }
                mask[2 * c + side] = bits;
                if (committedMask != null) {
                    changed += Integer.bitCount(bits ^ committedMask[2 * c + side]);
                }
            }
        }
        objective += push * hinge;
        double[] scatter = committedMask != null && 2 * changed < n ? updatedPush(mask) : rebuiltPush(mask);
        Matrix total = Matrix.of(d, d, scatter).plus(pullScatter);
        return new Evaluation(objective, l.times(total).scale(2.0), active, mask, scatter);
    }

    /** Makes e the state that later evaluations update incrementally. */
    void accept(Evaluation e) {
        committedMask = e.mask();
        committedPush = e.push();
    }

    private double[] updatedPush(int[] mask) {
        double[] g = committedPush.clone();
        double[] u = new double[d];
        double[] v = new double[d];
        int k = targets[0].length;
        for (int e = 0; e < mask.length; e++) {
            int diff = mask[e] ^ committedMask[e];
            if (diff == 0) {
                continue;
            }
            int c = e >> 1;
            int anchor = (e & 1) == 0 ? candA[c] : candB[c];
            int other = (e & 1) == 0 ? candB[c] : candA[c];
            for (int t = 0; t < k; t++) {
                if ((diff >> t & 1) == 0) {
                    continue;
                }
                double sgn = (mask[e] >> t & 1) == 1 ? push : -push;
                int target = targets[anchor][t];
                for (int j = 0; j < d; j++) {
                    u[j] = x[anchor * d + j] - x[target * d + j];
                    v[j] = x[anchor * d + j] - x[other * d + j];
                }
                for (int i = 0; i < d; i++) {
                    double su = sgn * u[i];
                    double sv = sgn * v[i];
                    int o = i * d;
                    for (int j = 0; j < d; j++) {
                        g[o + j] += su * u[j] - sv * v[j];
                    }
                }
            }
        }
        return g;
    }

    private double[] rebuiltPush(int[] mask) {
        int k = targets[0].length;
        double[] rows = new double[n * d];
        boolean[] touched = new boolean[n];
        for (int e = 0; e < mask.length; e++) {
            if (mask[e] == 0) {
                continue;
            }
            int c = e >> 1;
            int anchor = (e & 1) == 0 ? candA[c] : candB[c];
            int other = (e & 1) == 0 ? candB[c] : candA[c];
            int count = 0;
            for (int t = 0; t < k; t++) {
                if ((mask[e] >> t & 1) == 1) {
                    addPair(rows, touched, anchor, targets[anchor][t], push);
                    count++;
                }
            }
            addPair(rows, touched, anchor, other, -push * count);
        }
        int[] used = IntStream.range(0, n).filter(i -> touched[i]).toArray();
        double[] g = new double[d * d];
        IntStream cols = IntStream.range(0, d);
        if ((long) used.length * d * d >= PARALLEL_WORK) {
            cols = cols.parallel();
        }
        cols.forEach(a -> {
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
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                double m = 0.5 * (g[a * d + b] + g[b * d + a]);
                g[a * d + b] = m;
                g[b * d + a] = m;
            }
        }
        return g;
    }
}
