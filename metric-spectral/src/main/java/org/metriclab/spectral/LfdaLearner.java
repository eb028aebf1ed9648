package org.metriclab.spectral;

import java.util.Arrays;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;

/**
 * LFDA, Local Fisher Discriminant Analysis (Sugiyama, JMLR 2007), as metric-learn 0.7. Local-scaling
 * affinity within each class, A_ij = exp(−‖x_i − x_j‖²/(σ_iσ_j)) with σ_i the distance from x_i to its
 * k-th nearest same-class neighbour (k capped at n_l − 1; A = 0 where σ_iσ_j = 0). Local scatters
 * S_w = ½Σ W^w_ij C_ij, S_b = ½Σ W^b_ij C_ij with W^w = A/n_l (same class, else 0) and
 * W^b = A(1/n − 1/n_l) (same class, else 1/n), assembled class by class through graph Laplacians
 * (O(Σ n_l² d + n d²)). Solves S_b φ = λ (S_w + ridge) φ; L = top p eigenvectors per {@code embedding}.
 * Defaults: k 0 = min(7, d − 1), dims 0 = d, embedding weighted, ridge 1e-9 relative to tr(S_w)/d,
 * convention sugiyama.
 *
 * <p>{@code convention: metric_learn} reproduces metric-learn 0.7's code, which deviates from the paper
 * in two places: (1) σ_i is element i of {@code np.partition(dist, k, axis=0)[:, k]}, i.e. of column k
 * (the distances from the class's k-th point) rather than row k (the k-th neighbour distance of point
 * i); numpy ≥ 2 on x86 with AVX2/AVX-512 (x86-simd-sort) fully sorts such short columns, so σ_i² is the
 * i-th smallest squared distance from point k (σ_0 = 0, which zeroes that point's affinities); (2)
 * {@code tSb -= sum_outer(X)/n - tSw} yields S_b + 2 S_w instead of S_b = S_m − S_w, so every
 * eigenvalue is shifted by +2 (same eigenvectors; the weighted embedding scales by √(λ + 2)). Its k is
 * also capped at d − 1 (k ≥ d, with a warning there) and the per-class cap min(k, n_l − 1) carries over
 * to later classes, as in metric-learn.
 */
public record LfdaLearner(int k, int dims, Embedding embedding, double ridge, Convention convention)
        implements MetricLearner<MahalanobisMetric> {
    private static final String WHO = "lfda";
    /** Work (Σ n_l² d) above which classes are processed in parallel. */
    private static final long PARALLEL_WORK = 2_000_000;

    /** Which definition of the local scaling and the local between-class scatter to use. */
    public enum Convention {
        /** Sugiyama (JMLR 2007) and his reference code: σ_i = distance to the k-th same-class neighbour, S_b = S_m − S_w. */
        SUGIYAMA,
        /** metric-learn 0.7's code verbatim (see the type's Javadoc): column-k scaling and S_b + 2 S_w. */
        METRIC_LEARN
    }

    /** Sugiyama's convention. */
    public LfdaLearner(int k, int dims, Embedding embedding, double ridge) {
        this(k, dims, embedding, ridge, Convention.SUGIYAMA);
    }

    public LfdaLearner {
        if (k < 0) {
            throw new IllegalArgumentException(WHO + ": k must be >= 0 (0 = min(7, d - 1)), got " + k);
        }
        Scatter.requireNonNegativeDims(dims, WHO);
        Scatter.requireRidge(ridge, WHO);
        if (embedding == null) {
            throw new IllegalArgumentException(WHO + ": embedding must be one of weighted, orthonormalized, plain");
        }
        if (convention == null) {
            throw new IllegalArgumentException(WHO + ": convention must be one of sugiyama, metric_learn");
        }
    }

    public static LfdaLearner from(Params p) {
        return new LfdaLearner(p.getInt("k", 0), p.getInt("dims", 0), p.getEnum("embedding", Embedding.WEIGHTED),
                p.getDouble("ridge", 1e-9), p.getEnum("convention", Convention.SUGIYAMA));
    }

    /** The local within (index 0) and between (index 1) scatters, Sugiyama's convention. */
    static Matrix[] localScatters(Dataset train, int k) {
        return localScatters(train, k, Convention.SUGIYAMA);
    }

    /**
     * The local within (index 0) and between (index 1) scatters. Per class l with rows X_l, U_l =
     * X_lᵀ(D − A)X_l = ½Σ A_ij C_ij and G_l = X_lᵀX_l, s_l = X_lᵀ1: S_w = Σ U_l/n_l and
     * S_b = S_m − S_w with S_m = Σ[(1 − n_l/n)G_l + s_l s_lᵀ/n + U_l/n] − s sᵀ/n (metric-learn: S_m + S_w).
     * Classes are processed in parallel when the work is large; flat arrays throughout.
     */
    static Matrix[] localScatters(Dataset train, int k, Convention convention) {
        Labels y = train.labels();
        int n = train.size();
        int d = train.dim();
        double[] x = train.x().toArray();
        int[] classes = y.classes();
        int[] kc = new int[classes.length];
        int running = k;
        for (int c = 0; c < classes.length; c++) {
            int nl = y.indicesOf(classes[c]).length;
            if (convention == Convention.METRIC_LEARN) {
                running = Math.min(running, nl - 1);
                kc[c] = running;
            } else {
                kc[c] = Math.min(k, nl - 1);
            }
        }
        double[][] parts = new double[classes.length][];
        long work = 0;
        for (int c : classes) {
            long nl = y.indicesOf(c).length;
            work += nl * nl * d;
        }
        java.util.stream.IntStream range = java.util.stream.IntStream.range(0, classes.length);
        if (work >= PARALLEL_WORK) {
            range = range.parallel();
        }
        range.forEach(c -> parts[c] = classPart(x, d, y.indicesOf(classes[c]), kc[c], n, convention));
        double[] sw = new double[d * d];
        double[] sb = new double[d * d];
        double[] s = new double[d];
        for (double[] part : parts) {
            for (int t = 0; t < d * d; t++) {
                sw[t] += part[t];
                sb[t] += part[d * d + t];
            }
            for (int t = 0; t < d; t++) {
                s[t] += part[2 * d * d + t];
            }
        }
        double shift = convention == Convention.METRIC_LEARN ? 1.0 : -1.0;
        for (int p = 0; p < d; p++) {
            for (int q = p; q < d; q++) {
                double w = sw[p * d + q];
                double b = sb[p * d + q] - s[p] * s[q] / n + shift * w;
                sw[p * d + q] = w;
                sw[q * d + p] = w;
                sb[p * d + q] = b;
                sb[q * d + p] = b;
            }
        }
        return new Matrix[] {Matrix.of(d, d, sw), Matrix.of(d, d, sb)};
    }

    /**
     * One class's contributions: [U_l/n_l (d²) | (1 − n_l/n)G_l + s_l s_lᵀ/n + U_l/n (d²) | s_l (d)], upper
     * triangles only (p ≤ q).
     */
    private static double[] classPart(double[] xAll, int d, int[] idx, int k, int n, Convention convention) {
        int nl = idx.length;
        double[] x = new double[nl * d];
        for (int i = 0; i < nl; i++) {
            System.arraycopy(xAll, idx[i] * d, x, i * d, d);
        }
        double[] dist = squaredDistances(x, nl, d);
        double[] sigma = new double[nl];
        if (convention == Convention.METRIC_LEARN) {
            double[] col = Arrays.copyOfRange(dist, k * nl, (k + 1) * nl);
            Arrays.sort(col);
            for (int i = 0; i < nl; i++) {
                sigma[i] = Math.sqrt(col[i]);
            }
        } else {
            double[] work = new double[nl];
            for (int i = 0; i < nl; i++) {
                sigma[i] = Math.sqrt(kthSmallest(dist, i * nl, nl, k, work));
            }
        }
        // y = (D − A) X: y_i = Σ_j A_ij (x_i − x_j)
        double[] aff = dist;
        for (int i = 0; i < nl; i++) {
            aff[i * nl + i] = 0;
            for (int j = i + 1; j < nl; j++) {
                double scale = sigma[i] * sigma[j];
                double a = scale == 0 ? 0.0 : Math.exp(-dist[i * nl + j] / scale);
                aff[i * nl + j] = a;
                aff[j * nl + i] = a;
            }
        }
        // lx = (D − A) X; four rows of X per sweep over lx_i, so each load and store of lx_i serves four multiply-adds
        double[] lx = new double[nl * d];
        for (int i = 0; i < nl; i++) {
            int oi = i * d;
            int ai = i * nl;
            double deg = 0;
            int j = 0;
            for (; j + 3 < nl; j += 4) {
                double a0 = aff[ai + j];
                double a1 = aff[ai + j + 1];
                double a2 = aff[ai + j + 2];
                double a3 = aff[ai + j + 3];
                deg += a0 + a1 + a2 + a3;
                int o0 = j * d;
                int o1 = o0 + d;
                int o2 = o1 + d;
                int o3 = o2 + d;
                for (int t = 0; t < d; t++) {
                    lx[oi + t] -= a0 * x[o0 + t] + a1 * x[o1 + t] + a2 * x[o2 + t] + a3 * x[o3 + t];
                }
            }
            for (; j < nl; j++) {
                double a = aff[ai + j];
                deg += a;
                int oj = j * d;
                for (int t = 0; t < d; t++) {
                    lx[oi + t] -= a * x[oj + t];
                }
            }
            for (int t = 0; t < d; t++) {
                lx[oi + t] += deg * x[oi + t];
            }
        }
        double[] out = new double[2 * d * d + d];
        double wScale = 1.0 / nl;
        double gScale = 1.0 - (double) nl / n;
        double uScale = 1.0 / n;
        double[] u = new double[d * d];
        double[] g = new double[d * d];
        // U = Xᵀ lx and G = XᵀX (upper triangles), four rows of X per sweep over the accumulators
        int i = 0;
        for (; i + 3 < nl; i += 4) {
            int o0 = i * d;
            int o1 = o0 + d;
            int o2 = o1 + d;
            int o3 = o2 + d;
            for (int p = 0; p < d; p++) {
                double x0 = x[o0 + p];
                double x1 = x[o1 + p];
                double x2 = x[o2 + p];
                double x3 = x[o3 + p];
                int op = p * d;
                for (int q = p; q < d; q++) {
                    u[op + q] += x0 * lx[o0 + q] + x1 * lx[o1 + q] + x2 * lx[o2 + q] + x3 * lx[o3 + q];
                    g[op + q] += x0 * x[o0 + q] + x1 * x[o1 + q] + x2 * x[o2 + q] + x3 * x[o3 + q];
                }
                out[2 * d * d + p] += x0 + x1 + x2 + x3;
            }
        }
        for (; i < nl; i++) {
            int oi = i * d;
            for (int p = 0; p < d; p++) {
                double xp = x[oi + p];
                int op = p * d;
                for (int q = p; q < d; q++) {
                    u[op + q] += xp * lx[oi + q];
                    g[op + q] += xp * x[oi + q];
                }
                out[2 * d * d + p] += xp;
            }
        }
        double[] s = Arrays.copyOfRange(out, 2 * d * d, 2 * d * d + d);
        for (int p = 0; p < d; p++) {
            for (int q = p; q < d; q++) {
                double uu = u[p * d + q];
                out[p * d + q] = wScale * uu;
                out[d * d + p * d + q] = gScale * g[p * d + q] + s[p] * s[q] / n + uScale * uu;
            }
        }
        return out;
    }

    /**
     * Squared Euclidean distances between the n rows of x (n × d, row-major), as an n × n array:
     * ‖x_i‖² + ‖x_j‖² − 2 x_i·x_j with the inner products accumulated column-wise over a transposed
     * copy (a vectorisable axpy over j), clamped at 0; the diagonal is 0.
     */
    static double[] squaredDistances(double[] x, int n, int d) {
        double[] xt = new double[d * n];
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int t = 0; t < d; t++) {
                double v = x[i * d + t];
                xt[t * n + i] = v;
                s += v * v;
            }
            norms[i] = s;
        }
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            int oi = i * n;
            for (int t = 0; t < d; t++) {
                double a = -2 * x[i * d + t];
                int ot = t * n;
                for (int j = i + 1; j < n; j++) {
                    out[oi + j] += a * xt[ot + j];
                }
            }
            for (int j = i + 1; j < n; j++) {
                double v = Math.max(out[oi + j] + norms[i] + norms[j], 0.0);
                out[oi + j] = v;
                out[j * n + i] = v;
            }
        }
        return out;
    }

    /** The k-th smallest (0-based) of a[from, from + len), by quickselect on a copy. */
    static double kthSmallest(double[] a, int from, int len, int k, double[] work) {
        System.arraycopy(a, from, work, 0, len);
        int lo = 0;
        int hi = len - 1;
        while (lo < hi) {
            double pivot = work[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (work[i] < pivot) {
                    i++;
                }
                while (work[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double tmp = work[i];
                    work[i] = work[j];
                    work[j] = tmp;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return work[k];
            }
        }
        return work[k];
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        train.requireAtLeastTwoClasses(WHO);
        int d = train.dim();
        int kk;
        if (convention == Convention.METRIC_LEARN) {
            kk = k == 0 ? Math.min(7, d - 1) : k;
            if (k >= d) {
                ctx.progress().warn(WHO + ": k = " + k + " >= d = " + d + "; metric-learn uses d - 1 = " + (d - 1));
                kk = d - 1;
            }
        } else {
            kk = k == 0 ? Math.max(1, Math.min(7, d - 1)) : k;
        }
        Matrix[] s = localScatters(train, kk, convention);
        EigenPairs e = Scatter.generalized(s[1], s[0], ridge, WHO + ": local within-class scatter");
        int p = Scatter.dims(dims, d, d, WHO, ctx.progress());
        return new MahalanobisMetric(embedding.transform(e.top(p)));
    }
}
