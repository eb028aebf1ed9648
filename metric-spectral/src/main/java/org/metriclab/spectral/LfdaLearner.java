package org.metriclab.spectral;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.RowCombinations;
import org.metriclab.core.linalg.SquaredDistances;

/**
 * LFDA, Local Fisher Discriminant Analysis (Sugiyama, JMLR 2007), as metric-learn 0.7. Local-scaling
 * affinity within each class, A_ij = exp(−‖x_i − x_j‖²/(σ_iσ_j)) with σ_i the distance from x_i to its
 * k-th nearest same-class neighbour (k capped at n_l − 1; A = 0 where σ_iσ_j = 0). Local scatters
 * S_w = ½Σ W^w_ij C_ij, S_b = ½Σ W^b_ij C_ij with W^w = A/n_l (same class, else 0) and
 * W^b = A(1/n − 1/n_l) (same class, else 1/n), assembled class by class through graph Laplacians
 * (O(Σ n_l² d + n d²)). Solves S_b φ = λ (S_w + ridge) φ; L = top p eigenvectors per {@code embedding}.
 * Defaults: k 0 = min(7, d − 1), dims 0 = all kept directions, embedding weighted, ridge 0 (optional,
 * relative to tr(S_w)/d), convention sugiyama. A near-singular S_w is whitened by truncated eigendecomposition
 * ({@code Eigen.generalized}): directions without local within-class spread are dropped, not amplified.
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
    /** Ranges up to this size end {@link #kthSmallest}'s partitioning and are insertion-sorted. */
    private static final int SELECT_SORT = 16;

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
                p.getDouble("ridge", 0.0), p.getEnum("convention", Convention.SUGIYAMA));
    }

    /** The local within (index 0) and between (index 1) scatters, Sugiyama's convention. */
    static Matrix[] localScatters(Dataset train, int k) {
        return localScatters(train, k, Convention.SUGIYAMA);
    }

    /**
     * The local within (index 0) and between (index 1) scatters. Per class l with rows X_l, U_l =
     * X_lᵀ(D − A)X_l = ½Σ A_ij C_ij and G_l = X_lᵀX_l, s_l = X_lᵀ1: S_w = Σ U_l/n_l and
     * S_b = S_m − S_w with S_m = Σ[(1 − n_l/n)G_l + s_l s_lᵀ/n + U_l/n] − s sᵀ/n (metric-learn: S_m + S_w).
     * Classes are processed in parallel when the work is large (each worker takes the next class and reuses
     * one set of work arrays); flat arrays throughout.
     */
    static Matrix[] localScatters(Dataset train, int k, Convention convention) {
        Labels y = train.labels();
        int n = train.size();
        int d = train.dim();
        Matrix x = train.x();
        int[] classes = y.classes();
        int[][] members = new int[classes.length][];
        int[] kc = new int[classes.length];
        int running = k;
        int largest = 0;
        long work = 0;
        for (int c = 0; c < classes.length; c++) {
            members[c] = y.indicesOf(classes[c]);
            int nl = members[c].length;
            largest = Math.max(largest, nl);
            work += (long) nl * nl * d;
            if (convention == Convention.METRIC_LEARN) {
                running = Math.min(running, nl - 1);
                kc[c] = running;
            } else {
                kc[c] = Math.min(k, nl - 1);
            }
        }
        double[][] parts = new double[classes.length][];
        // each worker takes the next unprocessed class until none is left, reusing one workspace
        int workers = work >= PARALLEL_WORK
                ? Math.min(classes.length, ForkJoinPool.getCommonPoolParallelism() + 1) : 1;
        AtomicInteger next = new AtomicInteger();
        int maxN = largest;
        IntStream.range(0, workers).parallel().forEach(worker -> {
            Workspace ws = new Workspace(maxN, d);
            for (int c = next.getAndIncrement(); c < classes.length; c = next.getAndIncrement()) {
                parts[c] = classPart(x, d, members[c], kc[c], n, convention, ws);
            }
        });
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
     * triangles only (p ≤ q). All products go through {@link RowCombinations} on rows held as separate arrays:
     * the distances from XXᵀ, the affinity product B = A_U X, W = XᵀY and G = XᵀX.
     */
    private static double[] classPart(Matrix xAll, int d, int[] idx, int k, int n, Convention convention, Workspace ws) {
        int nl = idx.length;
        double[][] x = ws.x;
        double[][] xt = ws.xt;
        for (int i = 0; i < nl; i++) {
            double[] row = x[i];
            xAll.copyRow(idx[i], row);
            for (int t = 0; t < d; t++) {
                xt[t][i] = row[t];
            }
        }
        double[][] dist = ws.dist;
        SquaredDistances.ofRows(x, xt, nl, d, dist);
        double[] sigma = ws.sigma;
        if (convention == Convention.METRIC_LEARN) {
            double[] col = Arrays.copyOf(dist[k], nl);
            Arrays.sort(col);
            for (int i = 0; i < nl; i++) {
                sigma[i] = Math.sqrt(col[i]);
            }
        } else {
            for (int i = 0; i < nl; i++) {
                sigma[i] = Math.sqrt(kthSmallest(dist[i], 0, nl, k, ws.select));
            }
        }
        // A_U, the strict upper triangle of A, in place of the distances (zeros on and below the
        // diagonal); the degrees D_ii = Σ_j A_ij from its row and column sums
        double[][] aff = dist;
        double[] deg = ws.deg;
        Arrays.fill(deg, 0, nl, 0.0);
        for (int i = 0; i < nl; i++) {
            double[] ai = aff[i];
            Arrays.fill(ai, 0, i + 1, 0.0);
            double si = sigma[i];
            double rowSum = deg[i];
            for (int j = i + 1; j < nl; j++) {
                double scale = si * sigma[j];
                double a = scale == 0 ? 0.0 : Math.exp(-ai[j] / scale);
                ai[j] = a;
                rowSum += a;
                deg[j] += a;
            }
            deg[i] = rowSum;
        }
        // A = A_U + A_Uᵀ gives XᵀAX = XᵀB + (XᵀB)ᵀ with B = A_U X, so U = Xᵀ(D − A)X = W + Wᵀ with
        // W = Xᵀ(½DX − B): half the n²d of AX. Row i of B sums the rows t > i of X (A_U is zero elsewhere).
        double[][] y = ws.y;
        for (int i0 = 0; i0 < nl; i0 += 4) {
            RowCombinations.combine(aff, x, y, i0, Math.min(nl, i0 + 4), i0 + 1, nl, 0, d);
        }
        for (int i = 0; i < nl; i++) {
            double[] yi = y[i];
            double[] xi = x[i];
            double half = 0.5 * deg[i];
            for (int t = 0; t < d; t++) {
                yi[t] = half * xi[t] - yi[t];
            }
        }
        double[][] w = ws.w;
        double[][] g = ws.g;
        RowCombinations.combine(xt, y, w, 0, d, 0, nl, 0, d);
        for (int p0 = 0; p0 < d; p0 += 4) {
            RowCombinations.combine(xt, x, g, p0, Math.min(d, p0 + 4), 0, nl, p0, d);
        }
        double[] out = new double[2 * d * d + d];
        double[] s = new double[d];
        for (int t = 0; t < d; t++) {
            double sum = 0;
            double[] xtt = xt[t];
            for (int i = 0; i < nl; i++) {
                sum += xtt[i];
            }
            s[t] = sum;
        }
        System.arraycopy(s, 0, out, 2 * d * d, d);
        double wScale = 1.0 / nl;
        double gScale = 1.0 - (double) nl / n;
        double uScale = 1.0 / n;
        for (int p = 0; p < d; p++) {
            for (int q = p; q < d; q++) {
                double uu = w[p][q] + w[q][p];
                out[p * d + q] = wScale * uu;
                out[d * d + p * d + q] = gScale * g[p][q] + s[p] * s[q] / n + uScale * uu;
            }
        }
        return out;
    }

    /** Work arrays of one worker, sized for the largest class and reused for every class it processes. */
    private static final class Workspace {
        final double[][] x;
        final double[][] xt;
        final double[][] dist;
        final double[] sigma;
        final double[] select;
        final double[] deg;
        final double[][] y;
        final double[][] w;
        final double[][] g;

        Workspace(int maxN, int d) {
            x = new double[maxN][d];
            xt = new double[d][maxN];
            dist = new double[maxN][maxN];
            sigma = new double[maxN];
            select = new double[2 * maxN];
            deg = new double[maxN];
            y = new double[maxN][d];
            w = new double[d][d];
            g = new double[d][d];
        }
    }

    /**
     * The k-th smallest (0-based) of a[from, from + len), 0 ≤ k &lt; len; work has room for 2·len values.
     * Quickselect (median-of-3 pivot) with a branch-free partition: each value is written to both ends of
     * the free part of the other half of work and the two cursors advance by the comparison, so the cost
     * does not hinge on mispredicted branches (this runs once per point on a row of distances). When
     * nothing is below the pivot, the values equal to it are the smallest and are split off, so ties end.
     * Ranges of at most 16 values are finished by insertion sort.
     */
    static double kthSmallest(double[] a, int from, int len, int k, double[] work) {
        System.arraycopy(a, from, work, 0, len);
        int base = 0;
        int n = len;
        while (n > SELECT_SORT) {
            int spare = base < len ? len : 0;
            double x0 = work[base];
            double x1 = work[base + (n >>> 1)];
            double x2 = work[base + n - 1];
            double p = Math.max(Math.min(x0, x1), Math.min(Math.max(x0, x1), x2));
            int front = spare;
            int back = spare + n - 1;
            for (int i = base; i < base + n; i++) {
                double v = work[i];
                work[front] = v;
                work[back] = v;
                int below = v < p ? 1 : 0;
                front += below;
                back -= 1 - below;
            }
            int below = front - spare;
            if (k < below) {
                base = spare;
                n = below;
            } else if (below > 0) {
                base = spare + below;
                n -= below;
                k -= below;
            } else {
                int equal = 0;
                for (int i = spare; i < spare + n; i++) {
                    equal += work[i] == p ? 1 : 0;
                }
                if (k < equal) {
                    return p;
                }
                int kept = base;
                for (int i = spare; i < spare + n; i++) {
                    double v = work[i];
                    work[kept] = v;
                    kept += v > p ? 1 : 0;
                }
                n = kept - base;
                k -= equal;
            }
        }
        for (int i = base + 1; i < base + n; i++) {
            double v = work[i];
            int j = i - 1;
            while (j >= base && work[j] > v) {
                work[j + 1] = work[j];
                j--;
            }
            work[j + 1] = v;
        }
        return work[base + k];
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        train.requireAtLeastTwoClasses(WHO);
        int d = train.dim();
        Scatter.requireResources(WHO, train.size(), d, 6, (long) train.size() * train.size());
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
        int p = Scatter.dims(dims, e.size(), e.size(), WHO, ctx.progress());
        return new MahalanobisMetric(embedding.transform(e.top(p)));
    }
}
