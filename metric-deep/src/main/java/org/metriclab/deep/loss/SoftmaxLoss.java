package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * Plain softmax classification on the embedding (the "Reality Check" baseline, and the
 * {@code NormalizedSoftmaxLoss} when {@code normalize=true}): logits_ic = scale · x_i·W_c (cosine
 * when normalised), mean cross-entropy. Defaults: scale 1, normalize false. W (C×D) initialised
 * N(0, 1/D) (Xavier-like).
 */
public record SoftmaxLoss(double scale, boolean normalize, Reducer reducer) implements ClassWeightLoss {

    public static SoftmaxLoss from(Params p) {
        return new SoftmaxLoss(p.getDouble("scale", 1), p.getBoolean("normalize", false), Reducer.parse(p.getString("reducer", "mean")));
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scale", scale);
        m.put("normalize", normalize);
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public double initialStd(int classes, int dim) {
        return 1.0 / Math.sqrt(dim);
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        ClassWeights.Scores sc = ClassWeights.Scores.of(name(), b, 0, 0, PairMatrix.Kind.DOT, normalize);
        int c = sc.classes();
        int n = sc.n();
        PairMatrix dot = sc.m();
        double[] terms = new double[n];
        double[][] g = new double[n][c];
        double[] logits = new double[c];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                logits[k] = scale * dot.get(i, k);
            }
            terms[i] = ClassWeights.crossEntropy(logits, b.labels()[i], g[i]);
        }
        double[] coef = new double[n];
        double value = reducer.reduce(terms, coef);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                dot.addGrad(i, k, coef[i] * scale * g[i][k]);
            }
        }
        return sc.output(value);
    }
}
