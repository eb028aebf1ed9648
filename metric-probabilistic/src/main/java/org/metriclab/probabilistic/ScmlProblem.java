package org.metriclab.probabilistic;

import org.metriclab.core.constraint.Triplets;

/**
 * SCML's data term in the basis space: with z = B x (one coordinate per rank-one basis b_k), the
 * distance difference of triplet t = (a, p, q) along basis k is
 * δ_tk = (z_ak − z_pk)² − (z_ak − z_qk)², and under weights w the triplet's hinge is
 * max(0, 1 + Σ_k w_k δ_tk). The projections z are stored (n × K); differences are formed on demand,
 * so memory stays O(nK) rather than O(TK) for T triplets.
 */
record ScmlProblem(double[] z, int rows, int bases, int[] anchor, int[] positive, int[] negative) {
    static ScmlProblem of(double[][] x, double[][] basis, Triplets t) {
        int n = x.length;
        int k = basis.length;
        double[] z = new double[n * k];
        for (int i = 0; i < n; i++) {
            double[] xi = x[i];
            for (int b = 0; b < k; b++) {
                double[] bb = basis[b];
                double s = 0;
                for (int a = 0; a < xi.length; a++) {
                    s += bb[a] * xi[a];
                }
                z[i * k + b] = s;
            }
        }
        return new ScmlProblem(z, n, k, t.anchor(), t.positive(), t.negative());
    }

    int size() {
        return anchor.length;
    }

    /** δ_tk. */
    double difference(int t, int k) {
        double za = z[anchor[t] * bases + k];
        double dp = za - z[positive[t] * bases + k];
        double dq = za - z[negative[t] * bases + k];
        return dp * dp - dq * dq;
    }

    /** 1 + Σ_k w_k δ_tk over the bases listed in {@code active} (those with w_k ≠ 0). */
    double slack(int t, double[] w, int[] active, int activeCount) {
        double s = 1;
        for (int m = 0; m < activeCount; m++) {
            int k = active[m];
            s += w[k] * difference(t, k);
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

    /** β Σ_k w_k + mean over all triplets of max(0, slack): the objective SCML minimises. */
    double objective(double[] w, int[] active, int activeCount, double beta) {
        double reg = 0;
        for (int m = 0; m < activeCount; m++) {
            reg += w[active[m]];
        }
        double loss = 0;
        for (int t = 0; t < anchor.length; t++) {
            loss += Math.max(0, slack(t, w, active, activeCount));
        }
        return beta * reg + loss / anchor.length;
    }
}
