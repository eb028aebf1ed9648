package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.metriclab.core.learn.Params;

/**
 * PML {@code NPairsLoss()} (Sohn 2016): one (anchor, positive) pair per label, the first positive pair
 * of that label in pair order (without a miner: the lowest and second-lowest index), labels ascending;
 * S = cosine(anchors, positives) (PML's DotProductSimilarity normalises by default); loss = mean over
 * anchors of the cross-entropy of row i of S with target i.
 */
public record NPairsLoss(Reducer reducer) implements MetricLoss {

    public static NPairsLoss from(Params p) {
        return new NPairsLoss(Reducer.parse(p.getString("reducer", "mean")));
    }

    @Override
    public String name() {
        return "npairs";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        int n = b.n();
        int d = b.d();
        Embeddings e = new Embeddings(b.x(), n, d, true);
        Tuples.Pairs pr = Tuples.toPairs(b.mined(), b.labels());
        TreeMap<Integer, int[]> first = new TreeMap<>();
        for (int k = 0; k < pr.a1().length; k++) {
            first.putIfAbsent(b.labels()[pr.a1()[k]], new int[] {pr.a1()[k], pr.p()[k]});
        }
        int k = first.size();
        if (k == 0) {
            return new LossOutput(0, new double[n * d], null);
        }
        int[] an = new int[k];
        int[] po = new int[k];
        int c = 0;
        for (int[] ap : first.values()) {
            an[c] = ap[0];
            po[c++] = ap[1];
        }
        double[] v = e.values;
        double[] terms = new double[k];
        double[][] soft = new double[k][k];
        double[] buf = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    s += v[an[i] * d + t] * v[po[j] * d + t];
                }
                buf[j] = s;
            }
            terms[i] = LogSumExp.of(buf, k, false, soft[i]) - buf[i];
        }
        double[] coef = new double[k];
        double value = reducer.reduce(terms, coef);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double g = coef[i] * (soft[i][j] - (i == j ? 1 : 0));
                for (int t = 0; t < d; t++) {
                    e.grad[an[i] * d + t] += g * v[po[j] * d + t];
                    e.grad[po[j] * d + t] += g * v[an[i] * d + t];
                }
            }
        }
        return new LossOutput(value, e.rawGradient(), null);
    }
}
