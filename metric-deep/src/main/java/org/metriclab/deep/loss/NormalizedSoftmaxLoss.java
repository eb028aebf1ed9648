package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * PML {@code NormalizedSoftmaxLoss(num_classes, embedding_size, temperature=0.05)} (Zhai & Wu,
 * <i>Classification is a strong baseline for deep metric learning</i>, BMVC 2019): logits_ic =
 * cos(x_i, W_c) / temperature with both L2-normalised, term_i = cross-entropy with target y_i times the
 * miner weight of sample i (1 without a miner); default reducer {@code mean}. W (C×D) initialised N(0, 1)
 * like PML.
 */
public record NormalizedSoftmaxLoss(int numClasses, int embeddingSize, double temperature, Reducer reducer) implements ClassWeightLoss {

    public NormalizedSoftmaxLoss {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("normalized_softmax: temperature must be > 0, got " + temperature);
        }
    }

    public static NormalizedSoftmaxLoss from(Params p) {
        return new NormalizedSoftmaxLoss(p.getInt("num_classes", 0), p.getInt("embedding_size", 0), p.getDouble("temperature", 0.05),
                Reducer.parse(p.getString("reducer", "mean")));
    }

    @Override
    public String name() {
        return "normalized_softmax";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("num_classes", numClasses);
        m.put("embedding_size", embeddingSize);
        m.put("temperature", temperature);
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
        ClassLogitSoftmax ce = ClassLogitSoftmax.of(n, c, b.labels(), Tuples.weights(b.mined(), n), reducer, false, (i, logits) -> {
            for (int k = 0; k < c; k++) {
                logits[k] = cos.get(i, k) / temperature;
            }
        });
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                cos.addGrad(i, k, ce.logitGrad(i, k) / temperature);
            }
        }
        return sc.output(ce.value());
    }
}
