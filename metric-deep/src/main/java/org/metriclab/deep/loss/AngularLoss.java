package org.metriclab.deep.loss;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * PML {@code AngularLoss(alpha=40)} (Wang, Zhou, Wen, Liu & Lin, ICCV 2017), alpha in degrees. For every
 * positive pair (a, p) (all ordered pairs, or the mined ones with their repetitions) and t = tan²(alpha):
 * f_k = 4t·(â + p̂)·x_k − 2(1 + t)·â·p̂ over every sample k whose label differs from a's, and
 * term = log(1 + Σ_k exp f_k) (0 when a has no such sample). â and p̂ are L2-normalised, but x_k is the
 * raw embedding, exactly as PML computes it, so that values agree with PML for any input scale (they are
 * the paper's formula when the network already outputs unit vectors). Mined negatives are ignored: every
 * different-label sample takes part. Default reducer {@code mean} over the pairs; loss 0 when the batch
 * has no positive or no negative pair.
 */
public record AngularLoss(double alpha, Reducer reducer) implements MetricLoss {

    public AngularLoss {
        if (!(alpha > 0 && alpha < 90)) {
            throw new IllegalArgumentException("angular: alpha is an angle in degrees and must lie in (0, 90), got " + alpha);
        }
    }

    public static AngularLoss from(Params p) {
        return new AngularLoss(p.getDouble("alpha", 40), Reducer.parse(p.getString("reducer", "mean")));
    }

    @Override
    public String name() {
        return "angular";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alpha", alpha);
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        int n = b.n();
        int d = b.d();
        int[] y = b.labels();
        Tuples.Pairs pr = Tuples.toPairs(b.mined(), y);
        int k = pr.a1().length;
        if (k == 0 || pr.a2().length == 0) {
            return SelfScores.zero(b);
        }
        double tan = Math.tan(Math.toRadians(alpha));
        double t = tan * tan;
        Embeddings e = new Embeddings(b.x(), n, d, true);
        double[] v = e.values;
        double[] raw = b.x();
        // G[i][j] = ê_i · x_j: the normalised rows against the raw rows
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += v[i * d + c] * raw[j * d + c];
                }
                g[i * n + j] = s;
            }
        }
        // mined triplets repeat (a, p) once per negative: each distinct pair is evaluated once
        int[] slot = new int[k];
        Map<Long, Integer> seen = new HashMap<>();
        int distinct = 0;
        int[] da = new int[k];
        int[] dp = new int[k];
        for (int q = 0; q < k; q++) {
            long key = (long) pr.a1()[q] * n + pr.p()[q];
            Integer s = seen.putIfAbsent(key, distinct);
            if (s == null) {
                da[distinct] = pr.a1()[q];
                dp[distinct] = pr.p()[q];
                s = distinct++;
            }
            slot[q] = s;
        }
        double[] pairTerm = new double[distinct];
        double[][] soft = new double[distinct][];
        int[][] negs = new int[distinct][];
        double[] f = new double[n];
        int[] idx = new int[n];
        for (int q = 0; q < distinct; q++) {
            int a = da[q];
            int p = dp[q];
            double ap = dot(v, a, v, p, d);
            int m = 0;
            for (int j = 0; j < n; j++) {
                if (y[j] != y[a]) {
                    idx[m] = j;
                    f[m++] = 4 * t * (g[a * n + j] + g[p * n + j]) - 2 * (1 + t) * ap;
                }
            }
            soft[q] = new double[m];
            negs[q] = Arrays.copyOf(idx, m);
            pairTerm[q] = LogSumExp.of(f, m, true, soft[q]);
        }
        double[] terms = new double[k];
        for (int q = 0; q < k; q++) {
            terms[q] = pairTerm[slot[q]];
        }
        double[] coef = new double[k];
        double value = reducer.reduce(terms, coef);
        double[] pairCoef = new double[distinct];
        for (int q = 0; q < k; q++) {
            pairCoef[slot[q]] += coef[q];
        }
        double[] direct = new double[n * d];
        for (int q = 0; q < distinct; q++) {
            if (pairCoef[q] == 0 || negs[q].length == 0) {
                continue;
            }
            int a = da[q];
            int p = dp[q];
            double total = 0;
            for (int r = 0; r < negs[q].length; r++) {
                double w = pairCoef[q] * soft[q][r];
                total += w;
                int j = negs[q][r];
                for (int c = 0; c < d; c++) {
                    e.grad[a * d + c] += 4 * t * w * raw[j * d + c];
                    e.grad[p * d + c] += 4 * t * w * raw[j * d + c];
                    direct[j * d + c] += 4 * t * w * (v[a * d + c] + v[p * d + c]);
                }
            }
            for (int c = 0; c < d; c++) {
                e.grad[a * d + c] -= 2 * (1 + t) * total * v[p * d + c];
                e.grad[p * d + c] -= 2 * (1 + t) * total * v[a * d + c];
            }
        }
        double[] grad = e.rawGradient();
        for (int i = 0; i < grad.length; i++) {
            grad[i] += direct[i];
        }
        return new LossOutput(value, grad, null);
    }

    private static double dot(double[] u, int i, double[] w, int j, int d) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            s += u[i * d + c] * w[j * d + c];
        }
        return s;
    }
}
