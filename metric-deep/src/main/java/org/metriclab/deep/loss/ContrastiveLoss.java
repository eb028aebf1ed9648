package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * PML {@code ContrastiveLoss(pos_margin=0, neg_margin=1)} on the Euclidean distance d of L2-normalised
 * embeddings: positive pair term {@code relu(d − pos_margin)}, negative pair term
 * {@code relu(neg_margin − d)} (not squared, no ½); each sub-loss reduced separately (default
 * {@code avg_non_zero}) and the two summed.
 */
public record ContrastiveLoss(double posMargin, double negMargin, Reducer reducer) implements MetricLoss {

    public static ContrastiveLoss from(Params p) {
        return new ContrastiveLoss(p.getDouble("pos_margin", 0), p.getDouble("neg_margin", 1),
                Reducer.parse(p.getString("reducer", "avg_non_zero")));
    }

    @Override
    public String name() {
        return "contrastive";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pos_margin", posMargin);
        m.put("neg_margin", negMargin);
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        SelfScores sc = SelfScores.of(b, PairMatrix.Kind.EUCLIDEAN);
        PairMatrix m = sc.m();
        Tuples.Pairs pr = Tuples.toPairs(b.mined(), b.labels());
        double value = side(m, pr.a1(), pr.p(), true) + side(m, pr.a2(), pr.n(), false);
        return sc.output(value);
    }

    private double side(PairMatrix m, int[] a, int[] o, boolean positive) {
        double[] t = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            double d = m.get(a[k], o[k]);
            t[k] = Math.max(0, positive ? d - posMargin : negMargin - d);
        }
        double[] c = new double[t.length];
        double v = reducer.reduce(t, c);
        for (int k = 0; k < a.length; k++) {
            if (t[k] > 0) {
                m.addGrad(a[k], o[k], positive ? c[k] : -c[k]);
            }
        }
        return v;
    }
}
