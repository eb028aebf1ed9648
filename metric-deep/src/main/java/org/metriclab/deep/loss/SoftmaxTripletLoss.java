package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * Softmax triplet loss (Hoffer & Ailon, <i>Deep metric learning using triplet network</i>, SIMBAD 2015;
 * not in PML). Per triplet (all, or the mined ones), with Euclidean distances d_ap and d_an:
 * d⁺ = e^{d_ap} / (e^{d_ap} + e^{d_an}), d⁻ = 1 − d⁺ and term = ‖(d⁺, d⁻ − 1)‖² = 2(d⁺)²; default reducer
 * {@code mean}. With {@code normalize} (default, like the PML-style losses here) the distances are taken
 * between L2-normalised embeddings; the paper uses the raw ones ({@code normalize: false}).
 */
public record SoftmaxTripletLoss(boolean normalize, Reducer reducer) implements MetricLoss {

    public static SoftmaxTripletLoss from(Params p) {
        return new SoftmaxTripletLoss(p.getBoolean("normalize", true), Reducer.parse(p.getString("reducer", "mean")));
    }

    @Override
    public String name() {
        return "softmax_triplet";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("normalize", normalize);
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        Tuples.Triplets t = Tuples.toTriplets(b.mined(), b.labels());
        int k = t.size();
        if (k == 0) {
            return SelfScores.zero(b);
        }
        Embeddings e = new Embeddings(b.x(), b.n(), b.d(), normalize);
        PairMatrix m = PairMatrix.self(PairMatrix.Kind.EUCLIDEAN, e);
        double[] terms = new double[k];
        double[] dPlus = new double[k];
        for (int i = 0; i < k; i++) {
            // d⁺ is the logistic function of d_ap − d_an, which never overflows
            double gap = m.get(t.a()[i], t.p()[i]) - m.get(t.a()[i], t.n()[i]);
            dPlus[i] = gap >= 0 ? 1 / (1 + Math.exp(-gap)) : Math.exp(gap) / (1 + Math.exp(gap));
            terms[i] = 2 * dPlus[i] * dPlus[i];
        }
        double[] coef = new double[k];
        double value = reducer.reduce(terms, coef);
        for (int i = 0; i < k; i++) {
            double g = coef[i] * 4 * dPlus[i] * dPlus[i] * (1 - dPlus[i]);
            if (g != 0) {
                m.addGrad(t.a()[i], t.p()[i], g);
                m.addGrad(t.a()[i], t.n()[i], -g);
            }
        }
        m.backward();
        return new LossOutput(value, e.rawGradient(), null);
    }
}
