package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * PML {@code TripletMarginLoss(margin=0.05, swap=False, smooth_loss=False, triplets_per_anchor="all")}
 * on the Euclidean distance of L2-normalised embeddings: per triplet {@code relu(d_ap − d_an + margin)};
 * {@code swap}: d_an := min(d_an, d_pn); {@code smooth_loss}: torch softplus instead of relu (the
 * "soft margin" of Hermans et al. when margin = 0). Default reducer {@code avg_non_zero}. Only
 * {@code triplets_per_anchor="all"} is supported (PML's integer option samples randomly).
 */
public record TripletMarginLoss(double margin, boolean swap, boolean smoothLoss, Reducer reducer) implements MetricLoss {

    public static TripletMarginLoss from(Params p) {
        String tpa = p.getString("triplets_per_anchor", "all");
        if (!"all".equals(tpa)) {
            throw new IllegalArgumentException("triplets_per_anchor must be 'all' (random triplet sampling is not supported), got '" + tpa + "'");
        }
        return new TripletMarginLoss(p.getDouble("margin", 0.05), p.getBoolean("swap", false),
                p.getBoolean("smooth_loss", false), Reducer.parse(p.getString("reducer", "avg_non_zero")));
    }

    @Override
    public String name() {
        return "triplet_margin";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("margin", margin);
        m.put("swap", swap);
        m.put("smooth_loss", smoothLoss);
        m.put("triplets_per_anchor", "all");
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        SelfScores sc = SelfScores.of(b, PairMatrix.Kind.EUCLIDEAN);
        PairMatrix m = sc.m();
        Tuples.Triplets t = Tuples.toTriplets(b.mined(), b.labels());
        int k = t.size();
        double[] viol = new double[k];
        double[] terms = new double[k];
        boolean[] swapped = new boolean[k];
        for (int i = 0; i < k; i++) {
            double ap = m.get(t.a()[i], t.p()[i]);
            double an = m.get(t.a()[i], t.n()[i]);
            if (swap) {
                double pn = m.get(t.p()[i], t.n()[i]);
                if (pn < an) {
                    an = pn;
                    swapped[i] = true;
                }
            }
            viol[i] = ap - an + margin;
            terms[i] = smoothLoss ? LogSumExp.softplus(viol[i]) : Math.max(0, viol[i]);
        }
        double[] c = new double[k];
        double value = reducer.reduce(terms, c);
        for (int i = 0; i < k; i++) {
            double g = c[i] * (smoothLoss ? LogSumExp.softplusGrad(viol[i]) : (viol[i] > 0 ? 1 : 0));
            if (g == 0) {
                continue;
            }
            m.addGrad(t.a()[i], t.p()[i], g);
            m.addGrad(swapped[i] ? t.p()[i] : t.a()[i], t.n()[i], -g);
        }
        return sc.output(value);
    }
}
