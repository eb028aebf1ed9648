package org.metriclab.probabilistic;

import java.util.Arrays;
import org.metriclab.core.constraint.Triplets;
import org.metriclab.core.resource.MemoryBudget;

/**
 * SCML's data term in the basis space: with z = B x (one coordinate per rank-one basis b_k), the
 * distance difference of triplet t = (a, p, q) along basis k is
 * δ_tk = (z_ak − z_pk)² − (z_ak − z_qk)², and under weights w the triplet's hinge is
 * max(0, 1 + Σ_k w_k δ_tk). The projections z are stored (n × K, row-major); differences are
 * formed on demand, so memory stays O(nK) rather than O(TK) for T triplets. The rows x (n × d) and
 * the basis (K × d) are kept for the full objective, since Σ_k w_k δ_tk = d_M(a, p) − d_M(a, q)
 * with M = Σ_k w_k b_k b_kᵀ can be formed from distinct pairs through M (see {@link #objective}).
 */
record ScmlProblem(double[] x, int dim, double[] basis, double[] z, int rows, int bases, int[] anchor, int[] positive,
        int[] negative, PairIndex pairs) {
    /**
     * The distinct unordered pairs among the triplets' (a, p) and (a, q) (rows {@code first[i]},
     * {@code second[i]}) and, per triplet, the index of its positive and of its negative pair: the
     * supervised triplets combine each anchor's few genuine and impostor neighbours, so there are far
     * fewer distinct pairs than the 2T the triplets name.
     */
    record PairIndex(int[] first, int[] second, int[] positivePair, int[] negativePair) {
        static PairIndex of(int n, int[] a, int[] p, int[] q) {
            int m = a.length;
            long[] keys = new long[2 * m];
            for (int t = 0; t < m; t++) {
                keys[t] = key(n, a[t], p[t]);
                keys[m + t] = key(n, a[t], q[t]);
            }
            long[] distinct = keys.clone();
            Arrays.sort(distinct);
            int size = 0;
            for (int i = 0; i < distinct.length; i++) {
                if (i == 0 || distinct[i] != distinct[size - 1]) {
                    distinct[size++] = distinct[i];
                }
            }
            int[] first = new int[size];
            int[] second = new int[size];
            for (int i = 0; i < size; i++) {
                first[i] = (int) (distinct[i] / n);
                second[i] = (int) (distinct[i] % n);
            }
            int[] pp = new int[m];
            int[] pq = new int[m];
            for (int t = 0; t < m; t++) {
                pp[t] = Arrays.binarySearch(distinct, 0, size, keys[t]);
                pq[t] = Arrays.binarySearch(distinct, 0, size, keys[m + t]);
            }
            return new PairIndex(first, second, pp, pq);
        }

        private static long key(int n, int i, int j) {
            return (long) Math.min(i, j) * n + Math.max(i, j);
        }
    }

    static ScmlProblem of(double[][] x, double[][] basis, Triplets t) {
        int n = x.length;
        int k = basis.length;
        int d = x[0].length;
        MemoryBudget.require(MemoryBudget.bytes(n, k, MemoryBudget.DOUBLE), "scml's projections onto " + k + " bases of "
                + n + " rows", "lower n_basis or use fewer training rows");
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, flat, i * d, d);
        }
        // Bᵀ (d × K), so that each row of z is a sum of contiguous rows scaled by x's entries
        double[] bt = new double[d * k];
        double[] b = new double[k * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(basis[j], 0, b, j * d, d);
            for (int a = 0; a < d; a++) {
                bt[a * k + j] = basis[j][a];
            }
        }
        double[] z = new double[n * k];
        RowTasks.run(n, RowTasks.ROWS, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                project(x[i], bt, k, z, i * k);
            }
        });
        return new ScmlProblem(flat, d, b, z, n, k, t.anchor(), t.positive(), t.negative(),
                PairIndex.of(n, t.anchor(), t.positive(), t.negative()));
    }

    /**
     * z[o..o+k) = Σ_a x_a · Bᵀ[a] (the row's coordinates along the k bases); one row per call, so that
     * the method is compiled early in a run rather than after a long interpreted loop.
     */
    private static void project(double[] x, double[] bt, int k, double[] z, int o) {
        for (int a = 0; a < x.length; a++) {
            double xa = x[a];
            if (xa != 0) {
                int ba = a * k;
                for (int j = 0; j < k; j++) {
                    z[o + j] += xa * bt[ba + j];
                }
            }
        }
    }

    int size() {
        return anchor.length;
    }

    /** 1 + Σ_k w_k δ_tk over the bases listed in {@code active} (those with w_k ≠ 0). */
    double slack(int t, double[] w, int[] active, int activeCount) {
        int ia = anchor[t] * bases;
        int ip = positive[t] * bases;
        int iq = negative[t] * bases;
        double s = 1;
        for (int m = 0; m < activeCount; m++) {
            int k = active[m];
            double za = z[ia + k];
            double dp = za - z[ip + k];
            double dq = za - z[iq + k];
            s += w[k] * (dp * dp - dq * dq);
        }
        return s;
    }

    /** acc_k += δ_tk for every basis. */
    void addDifferences(int t, double[] acc) {
        int ia = anchor[t] * bases;
        int ip = positive[t] * bases;
        int iq = negative[t] * bases;
        for (int k = 0; k < bases; k++) {
            double za = z[ia + k];
            double dp = za - z[ip + k];
            double dq = za - z[iq + k];
            acc[k] += dp * dp - dq * dq;
        }
    }

    /**
     * β Σ_k w_k + mean over all triplets of max(0, 1 + d(a, p) − d(a, q)), d the squared distance
     * under M = Σ_k w_k b_k b_kᵀ over the {@code active} bases: the objective SCML minimises. Each
     * distinct pair's distance is formed once, either in the active bases' coordinates √w_k z_k
     * (O((n + P)r) for r active bases and P pairs) or through M (O((r + n)d² + Pd)), whichever is
     * cheaper.
     */
    double objective(double[] w, int[] active, int activeCount, double beta) {
        double reg = 0;
        for (int m = 0; m < activeCount; m++) {
            reg += w[active[m]];
        }
        double[] y;
        double[] u;
        int width;
        long pairCount = pairs.first().length;
        long compactCost = (rows + pairCount) * activeCount;
        long metricCost = ((long) activeCount + rows) * dim * dim + pairCount * dim;
        if (compactCost <= metricCost) {
            // u = y = (√w_k z_ik) over the active k: d(a, b) = |u_a − u_b|²
            width = activeCount;
            u = new double[rows * width];
            for (int i = 0; i < rows; i++) {
                for (int m = 0; m < width; m++) {
                    int k = active[m];
                    u[i * width + m] = Math.sqrt(w[k]) * z[i * bases + k];
                }
            }
            y = u;
        } else {
            width = dim;
            u = x;
            y = metricTimesRows(w, active, activeCount);
        }
        double[] dist = new double[pairs.first().length];
        for (int i = 0; i < dist.length; i++) {
            dist[i] = distance(u, y, width, pairs.first()[i], pairs.second()[i]);
        }
        int[] pp = pairs.positivePair();
        int[] pq = pairs.negativePair();
        double loss = 0;
        for (int t = 0; t < anchor.length; t++) {
            double s = 1 + dist[pp[t]] - dist[pq[t]];
            if (s > 0) {
                loss += s;
            }
        }
        return beta * reg + loss / anchor.length;
    }

    /** The rows y_i = M x_i (n × d), so that d_M(a, b) = (x_a − x_b)·(y_a − y_b). */
    private double[] metricTimesRows(double[] w, int[] active, int activeCount) {
        int d = dim;
        double[] m = new double[d * d];
        for (int q = 0; q < activeCount; q++) {
            int k = active[q];
            double wk = w[k];
            int bk = k * d;
            for (int a = 0; a < d; a++) {
                double wa = wk * basis[bk + a];
                int ma = a * d;
                for (int c = 0; c < d; c++) {
                    m[ma + c] += wa * basis[bk + c];
                }
            }
        }
        double[] y = new double[rows * d];
        for (int i = 0; i < rows; i++) {
            int yi = i * d;
            for (int a = 0; a < d; a++) {
                double xa = x[yi + a];
                if (xa != 0) {
                    int ma = a * d;
                    for (int c = 0; c < d; c++) {
                        y[yi + c] += xa * m[ma + c];
                    }
                }
            }
        }
        return y;
    }

    /** Σ_j (u_aj − u_bj)(y_aj − y_bj) over rows of {@code width} entries. */
    private static double distance(double[] u, double[] y, int width, int a, int b) {
        int ia = a * width;
        int ib = b * width;
        double s0 = 0;
        double s1 = 0;
        int j = 0;
        for (; j + 1 < width; j += 2) {
            s0 += (u[ia + j] - u[ib + j]) * (y[ia + j] - y[ib + j]);
            s1 += (u[ia + j + 1] - u[ib + j + 1]) * (y[ia + j + 1] - y[ib + j + 1]);
        }
        for (; j < width; j++) {
            s0 += (u[ia + j] - u[ib + j]) * (y[ia + j] - y[ib + j]);
        }
        return s0 + s1;
    }
}
