package org.metriclab.deep.loss;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * PML {@code TupletMarginLoss(margin=5.73, scale=64)} (Yu & Tao, <i>Deep metric learning with tuplet margin
 * loss</i>, ICCV 2019), margin in degrees. On cosines of L2-normalised embeddings, for each positive pair
 * (a, p) with angle θ: term = log(1 + Σ_n exp(scale·(cos(a, n) − cos(θ − margin)))) over the negative pairs
 * (a, n) of the same anchor (all ordered pairs, or the mined ones with their repetitions; 0 when there are
 * none); default reducer {@code mean} over the positive pairs. Loss 0 when there is no positive or no
 * negative pair, or (as in PML) when every index list has at most one entry. Cosines are clamped to
 * [−1, 1] before acos, and sin θ is floored at 1e-6 in the derivative of cos(θ − margin), which is
 * unbounded for coinciding positives.
 */
public record TupletMarginLoss(double margin, double scale, Reducer reducer) implements MetricLoss {
    private static final double MIN_SIN = 1e-6;

    public static TupletMarginLoss from(Params p) {
        return new TupletMarginLoss(p.getDouble("margin", 5.73), p.getDouble("scale", 64), Reducer.parse(p.getString("reducer", "mean")));
    }

    @Override
    public String name() {
        return "tuplet_margin";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("margin", margin);
        m.put("scale", scale);
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        int n = b.n();
        Tuples.Pairs pr = Tuples.toPairs(b.mined(), b.labels());
        int k = pr.a1().length;
        int kn = pr.a2().length;
        if (k <= 1 && kn <= 1 || k == 0 || kn == 0) {
            return SelfScores.zero(b);
        }
        SelfScores sc = SelfScores.of(b, PairMatrix.Kind.DOT);
        PairMatrix cos = sc.m();
        List<List<Integer>> negOf = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            negOf.add(new ArrayList<>());
        }
        for (int j = 0; j < kn; j++) {
            negOf.get(pr.a2()[j]).add(j);
        }
        double m = Math.toRadians(margin);
        double[] terms = new double[k];
        double[][] soft = new double[k][];
        double[] shifted = new double[k];
        double[] slope = new double[k];
        for (int i = 0; i < k; i++) {
            double c = Math.max(-1, Math.min(1, cos.get(pr.a1()[i], pr.p()[i])));
            double theta = Math.acos(c);
            shifted[i] = Math.cos(theta - m);
            slope[i] = Math.sin(theta - m) / Math.max(Math.sin(theta), MIN_SIN);
            List<Integer> negs = negOf.get(pr.a1()[i]);
            double[] v = new double[negs.size()];
            for (int q = 0; q < v.length; q++) {
                int j = negs.get(q);
                v[q] = scale * (cos.get(pr.a2()[j], pr.n()[j]) - shifted[i]);
            }
            soft[i] = new double[v.length];
            terms[i] = LogSumExp.of(v, v.length, true, soft[i]);
        }
        double[] coef = new double[k];
        double value = reducer.reduce(terms, coef);
        for (int i = 0; i < k; i++) {
            if (coef[i] == 0 || soft[i].length == 0) {
                continue;
            }
            List<Integer> negs = negOf.get(pr.a1()[i]);
            double total = 0;
            for (int q = 0; q < soft[i].length; q++) {
                int j = negs.get(q);
                double g = coef[i] * scale * soft[i][q];
                total += g;
                cos.addGrad(pr.a2()[j], pr.n()[j], g);
            }
            cos.addGrad(pr.a1()[i], pr.p()[i], -total * slope[i]);
        }
        return sc.output(value);
    }
}
