package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * PML {@code CircleLoss(m=0.4, gamma=80)} (Sun et al. 2020) on cosine similarity: per anchor
 * {@code softplus(lse_p[−γ·α_p·(s_p − (1−m))] + lse_n[γ·α_n·(s_n − m)])} with α_p = relu(1+m−s_p) and
 * α_n = relu(s_n+m) treated as constants in the gradient (PML detaches them); anchors without a
 * positive or a negative give 0; default reducer {@code avg_non_zero}.
 */
public record CircleLoss(double m, double gamma, Reducer reducer) implements MetricLoss {

    public static CircleLoss from(Params p) {
        return new CircleLoss(p.getDouble("m", 0.4), p.getDouble("gamma", 80), Reducer.parse(p.getString("reducer", "avg_non_zero")));
    }

    @Override
    public String name() {
        return "circle";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("m", m);
        p.put("gamma", gamma);
        p.put("reducer", reducer.configName());
        return p;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        int n = b.n();
        SelfScores sc = SelfScores.of(b, PairMatrix.Kind.DOT);
        PairMatrix s = sc.m();
        AnchorPairs ap = AnchorPairs.of(b);
        double[] terms = new double[n];
        double[] x = new double[n];
        int[][] ip = new int[n][];
        int[][] in = new int[n][];
        double[][] sp = new double[n][];
        double[][] sn = new double[n][];
        double[][] wp = new double[n][];
        double[][] wn = new double[n][];
        double[] buf = new double[n];
        for (int i = 0; i < n; i++) {
            ip[i] = ap.positives(i);
            in[i] = ap.negatives(i);
            sp[i] = new double[ip[i].length];
            sn[i] = new double[in[i].length];
            wp[i] = new double[ip[i].length];
            wn[i] = new double[in[i].length];
            if (ip[i].length == 0 || in[i].length == 0) {
                continue;
            }
            for (int k = 0; k < ip[i].length; k++) {
                double v = s.get(i, ip[i][k]);
                wp[i][k] = Math.max(0, 1 + m - v);
                buf[k] = -gamma * wp[i][k] * (v - (1 - m));
            }
            double lp = LogSumExp.of(buf, ip[i].length, false, sp[i]);
            for (int k = 0; k < in[i].length; k++) {
                double v = s.get(i, in[i][k]);
                wn[i][k] = Math.max(0, v + m);
                buf[k] = gamma * wn[i][k] * (v - m);
            }
            double ln = LogSumExp.of(buf, in[i].length, false, sn[i]);
            x[i] = lp + ln;
            terms[i] = LogSumExp.softplus(x[i]);
        }
        double[] c = new double[n];
        double value = reducer.reduce(terms, c);
        for (int i = 0; i < n; i++) {
            if (c[i] == 0 || ip[i].length == 0 || in[i].length == 0) {
                continue;
            }
            double g = c[i] * LogSumExp.softplusGrad(x[i]);
            for (int k = 0; k < ip[i].length; k++) {
                s.addGrad(i, ip[i][k], -g * sp[i][k] * gamma * wp[i][k]);
            }
            for (int k = 0; k < in[i].length; k++) {
                s.addGrad(i, in[i][k], g * sn[i][k] * gamma * wn[i][k]);
            }
        }
        return sc.output(value);
    }
}
