package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * PML {@code NTXentLoss(temperature=0.07)} (InfoNCE) on cosine similarity S: per (mined) positive pair
 * (a,p), {@code −log(e^{S_ap/τ} / (e^{S_ap/τ} + Σ_{negative pairs (a,n)} e^{S_an/τ}))}; reduced over the
 * positive pairs (default {@code mean}). 0 when there is no positive or no negative pair.
 */
public record NTXentLoss(double temperature, Reducer reducer) implements MetricLoss {
    public NTXentLoss {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
    }

    public static NTXentLoss from(Params p) {
        return new NTXentLoss(p.getDouble("temperature", 0.07), Reducer.parse(p.getString("reducer", "mean")));
    }

    @Override
    public String name() {
        return "ntxent";
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
        Tuples.Pairs pr = Tuples.toPairs(b.mined(), b.labels());
        int np = pr.a1().length;
        if (np == 0 || pr.a2().length == 0) {
            return SelfScores.zero(b);
        }
        int[][] negOf = AnchorPairs.negativePairIndexesByAnchor(pr, n);
        double[] terms = new double[np];
        double[][] soft = new double[np][];
        int widest = 0;
        for (int[] negs : negOf) {
            widest = Math.max(widest, negs.length);
        }
        double[] buf = new double[widest + 1]; // mined negative pairs may repeat, so an anchor can have more than n
        for (int k = 0; k < np; k++) {
            int a = pr.a1()[k];
            int[] negs = negOf[a];
            buf[0] = s.get(a, pr.p()[k]) / temperature;
            for (int j = 0; j < negs.length; j++) {
                buf[j + 1] = s.get(a, pr.n()[negs[j]]) / temperature;
            }
            soft[k] = new double[negs.length + 1];
            double lse = LogSumExp.of(buf, negs.length + 1, false, soft[k]);
            terms[k] = -Math.log(Math.exp(buf[0] - lse) + Double.MIN_NORMAL);
        }
        double[] c = new double[np];
        double value = reducer.reduce(terms, c);
        for (int k = 0; k < np; k++) {
            int a = pr.a1()[k];
            int[] negs = negOf[a];
            s.addGrad(a, pr.p()[k], c[k] * (soft[k][0] - 1) / temperature);
            for (int j = 0; j < negs.length; j++) {
                s.addGrad(a, pr.n()[negs[j]], c[k] * soft[k][j + 1] / temperature);
            }
        }
        return sc.output(value);
    }
}
