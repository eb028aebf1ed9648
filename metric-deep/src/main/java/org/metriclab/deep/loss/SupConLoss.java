package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * PML {@code SupConLoss(temperature=0.1)} (supervised contrastive, Khosla et al. 2020) on cosine
 * similarity: per anchor i, {@code −mean_{p∈P(i)} [S_ip/τ − log Σ_{j∈P(i)∪N(i)} e^{S_ij/τ}]}; rows with
 * no positive give 0; default reducer {@code avg_non_zero}. 0 when there is no positive or no negative pair.
 */
public record SupConLoss(double temperature, Reducer reducer) implements MetricLoss {
    public SupConLoss {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
    }

    public static SupConLoss from(Params p) {
        return new SupConLoss(p.getDouble("temperature", 0.1), Reducer.parse(p.getString("reducer", "avg_non_zero")));
    }

    @Override
    public String name() {
        return "supcon";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("temperature", temperature);
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        int n = b.n();
        SelfScores sc = SelfScores.of(b, PairMatrix.Kind.DOT);
        PairMatrix s = sc.m();
        AnchorPairs ap = AnchorPairs.of(b);
        if (ap.lacksPositiveOrNegative()) {
            return SelfScores.zero(b);
        }
        double[] terms = new double[n];
        int[][] idx = new int[n][];
        double[][] soft = new double[n][];
        int[] npos = new int[n];
        double[] buf = new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = ap.either(i);
            soft[i] = new double[idx[i].length];
            double sumPos = 0;
            for (int k = 0; k < idx[i].length; k++) {
                buf[k] = s.get(i, idx[i][k]) / temperature;
                if (ap.isPositive(i, idx[i][k])) {
                    npos[i]++;
                    sumPos += buf[k];
                }
            }
            double lse = LogSumExp.of(buf, idx[i].length, false, soft[i]);
            terms[i] = npos[i] == 0 ? 0 : -(sumPos - npos[i] * lse) / npos[i];
        }
        double[] c = new double[n];
        double value = reducer.reduce(terms, c);
        for (int i = 0; i < n; i++) {
            if (npos[i] == 0 || c[i] == 0) {
                continue;
            }
            for (int k = 0; k < idx[i].length; k++) {
                int j = idx[i][k];
                double g = soft[i][k] - (ap.isPositive(i, j) ? 1.0 / npos[i] : 0);
                s.addGrad(i, j, c[i] * g / temperature);
            }
        }
        return sc.output(value);
    }
}
