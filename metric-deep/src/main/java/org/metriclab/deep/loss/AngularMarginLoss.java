package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * PML {@code ArcFaceLoss(num_classes, embedding_size, margin=28.6, scale=64)} and
 * {@code CosFaceLoss(num_classes, embedding_size, margin=0.35, scale=64)}: cos_ic = cosine(x_i, W_c);
 * the target logit is replaced by ArcFace's {@code cos(θ+m)} (m = radians(margin in DEGREES); falls back
 * to {@code cos θ − m·sin m} when θ > π − m) or CosFace's {@code cos θ − m}; logits × scale; per-sample
 * cross-entropy times the miner weight; default reducer {@code mean} over all N. W is stored C×D (PML
 * keeps the transpose) and initialised N(0, 1).
 */
public record AngularMarginLoss(boolean arc, int numClasses, int embeddingSize, double margin, double scale, Reducer reducer)
        implements ClassWeightLoss {

    public static AngularMarginLoss arcFace(Params p) {
        return new AngularMarginLoss(true, p.getInt("num_classes", 0), p.getInt("embedding_size", 0), p.getDouble("margin", 28.6),
                p.getDouble("scale", 64), Reducer.parse(p.getString("reducer", "mean")));
    }

    public static AngularMarginLoss cosFace(Params p) {
        return new AngularMarginLoss(false, p.getInt("num_classes", 0), p.getInt("embedding_size", 0), p.getDouble("margin", 0.35),
                p.getDouble("scale", 64), Reducer.parse(p.getString("reducer", "mean")));
    }

    @Override
    public String name() {
        return arc ? "arcface" : "cosface";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("num_classes", numClasses);
        m.put("embedding_size", embeddingSize);
        m.put("margin", margin);
        m.put("scale", scale);
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public double initialStd(int classes, int dim) {
        return 1.0;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        ClassWeights.Scores sc = ClassWeights.Scores.of(name(), b, numClasses, embeddingSize, PairMatrix.Kind.DOT, true);
        int c = sc.classes();
        int n = sc.n();
        PairMatrix cos = sc.m();
        double m = arc ? Math.toRadians(margin) : margin;
        double[] targetSlope = new double[n];
        ClassLogitSoftmax ce = ClassLogitSoftmax.of(n, c, b.labels(), Tuples.weights(b.mined(), n), reducer, false, (i, logits) -> {
            int y = b.labels()[i];
            for (int k = 0; k < c; k++) {
                logits[k] = scale * cos.get(i, k);
            }
            double ct = cos.get(i, y);
            double modified;
            if (arc) {
                double[] t = arcMargin(ct, m);
                modified = t[0];
                targetSlope[i] = t[1];
            } else {
                modified = ct - m;
                targetSlope[i] = 1;
            }
            logits[y] = scale * modified;
        });
        for (int i = 0; i < n; i++) {
            int y = b.labels()[i];
            double ci = ce.sampleCoef(i) * scale;
            for (int k = 0; k < c; k++) {
                cos.addGrad(i, k, ci * ce.softmaxMinusTarget(i, k) * (k == y ? targetSlope[i] : 1));
            }
        }
        return sc.output(ce.value());
    }

    /**
     * ArcFace's target logit for the cosine c with the additive angular margin m (radians) and its slope
     * d/dc: {@code cos(θ+m)} while θ ≤ π − m, else {@code c − m·sin m} (keeps the logit monotone).
     */
    static double[] arcMargin(double c, double m) {
        double theta = Math.acos(Math.max(-1, Math.min(1, c)));
        if (theta <= Math.PI - m) {
            double sin = Math.sin(theta);
            double slope = sin == 0 || Math.abs(c) >= 1 ? 0 : Math.sin(theta + m) / sin;
            return new double[] {Math.cos(theta + m), slope};
        }
        return new double[] {c - m * Math.sin(m), 1};
    }
}
