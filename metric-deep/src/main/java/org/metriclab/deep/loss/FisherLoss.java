package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * Fisher discriminant triplet/pair loss (FDT, Ghojogh, Sikaroudi et al. IJCNN 2020) on
 * the embedding z = Uᵀh (so tr(UᵀSU) is computed directly on z): with the within scatter
 * tr(S_W) = mean over (mined) positive pairs of ‖z_a − z_p‖² and the between scatter tr(S_B) = mean over
 * negative pairs of ‖z_a − z_n‖², {@code loss = relu(margin + (2 − λ)·tr(S_W) − λ·tr(S_B))}.
 * Defaults: margin 1, lambda 1 (then tr(S_W) − tr(S_B) + margin), normalize true (z L2-normalised
 * first, which bounds the scatters so the loss cannot run off to −∞).
 */
public record FisherLoss(double margin, double lambda, boolean normalize) implements MetricLoss {
    public FisherLoss {
        if (!(lambda >= 0 && lambda <= 2)) {
            throw new IllegalArgumentException("lambda must lie in [0, 2], got " + lambda);
        }
    }

    public static FisherLoss from(Params p) {
        return new FisherLoss(p.getDouble("margin", 1), p.getDouble("lambda", 1), p.getBoolean("normalize", true));
    }

    @Override
    public String name() {
        return "fisher";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("margin", margin);
        m.put("lambda", lambda);
        m.put("normalize", normalize);
        return m;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        Embeddings e = new Embeddings(b.x(), b.n(), b.d(), normalize);
        PairMatrix m = PairMatrix.self(PairMatrix.Kind.SQUARED_EUCLIDEAN, e);
        Tuples.Pairs pr = Tuples.toPairs(b.mined(), b.labels());
        int np = pr.a1().length;
        int nn = pr.a2().length;
        double sw = 0;
        double sb = 0;
        for (int k = 0; k < np; k++) {
            sw += m.get(pr.a1()[k], pr.p()[k]);
        }
        for (int k = 0; k < nn; k++) {
            sb += m.get(pr.a2()[k], pr.n()[k]);
        }
        sw = np == 0 ? 0 : sw / np;
        sb = nn == 0 ? 0 : sb / nn;
        double x = margin + (2 - lambda) * sw - lambda * sb;
        if (x <= 0) {
            return new LossOutput(0, new double[b.n() * b.d()], null);
        }
        for (int k = 0; k < np; k++) {
            m.addGrad(pr.a1()[k], pr.p()[k], (2 - lambda) / np);
        }
        for (int k = 0; k < nn; k++) {
            m.addGrad(pr.a2()[k], pr.n()[k], -lambda / nn);
        }
        m.backward();
        return new LossOutput(x, e.rawGradient(), null);
    }
}
