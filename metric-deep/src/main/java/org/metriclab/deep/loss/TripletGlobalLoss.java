package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * Triplet global loss (Kumar B.G., Carneiro & Reid, <i>Learning local image descriptors with deep siamese
 * and triplet convolutional networks by minimising global loss functions</i>, CVPR 2016; not in PML).
 * Over the batch's triplets (all, or the mined ones) with squared Euclidean distances d⁺ = ‖x̂_a − x̂_p‖²
 * and d⁻ = ‖x̂_a − x̂_n‖² between L2-normalised embeddings: loss = σ²⁺ + σ²⁻ + lambda·max(0, μ⁺ − μ⁻ + margin),
 * μ and σ² being the mean and population variance of each distance list. The paper's terms are batch
 * statistics, so there is no per-term reducer. Loss 0 when the batch has no triplet.
 */
public record TripletGlobalLoss(double margin, double lambda) implements MetricLoss {

    public TripletGlobalLoss {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("triplet_global: lambda must be >= 0, got " + lambda);
        }
    }

    public static TripletGlobalLoss from(Params p) {
        return new TripletGlobalLoss(p.getDouble("margin", 0.4), p.getDouble("lambda", 1));
    }

    @Override
    public String name() {
        return "triplet_global";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("margin", margin);
        m.put("lambda", lambda);
        return m;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        Tuples.Triplets t = Tuples.toTriplets(b.mined(), b.labels());
        int k = t.size();
        if (k == 0) {
            return SelfScores.zero(b);
        }
        SelfScores sc = SelfScores.of(b, PairMatrix.Kind.SQUARED_EUCLIDEAN);
        PairMatrix m = sc.m();
        double[] pos = new double[k];
        double[] neg = new double[k];
        double meanPos = 0;
        double meanNeg = 0;
        for (int i = 0; i < k; i++) {
            pos[i] = m.get(t.a()[i], t.p()[i]);
            neg[i] = m.get(t.a()[i], t.n()[i]);
            meanPos += pos[i];
            meanNeg += neg[i];
        }
        meanPos /= k;
        meanNeg /= k;
        double varPos = 0;
        double varNeg = 0;
        for (int i = 0; i < k; i++) {
            varPos += (pos[i] - meanPos) * (pos[i] - meanPos);
            varNeg += (neg[i] - meanNeg) * (neg[i] - meanNeg);
        }
        varPos /= k;
        varNeg /= k;
        double gap = meanPos - meanNeg + margin;
        double value = varPos + varNeg + lambda * Math.max(0, gap);
        double hinge = gap > 0 ? lambda / k : 0;
        for (int i = 0; i < k; i++) {
            // the mean's own derivative cancels in d var / d x_i: Σ_j (x_j − μ) = 0
            m.addGrad(t.a()[i], t.p()[i], 2 * (pos[i] - meanPos) / k + hinge);
            m.addGrad(t.a()[i], t.n()[i], 2 * (neg[i] - meanNeg) / k - hinge);
        }
        return sc.output(value);
    }
}
