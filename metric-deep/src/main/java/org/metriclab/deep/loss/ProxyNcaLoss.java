package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * PML {@code ProxyNCALoss(num_classes, embedding_size, softmax_scale=1)} (Movshovitz-Attias et al. 2017):
 * d²_ic = ‖x̂_i − p̂_c‖² (LpDistance(power=2) on normalised vectors), term_i =
 * {@code −log softmax_c(−s·d²_ic)[y_i]} times the miner weight; terms whose probability is exactly 0
 * are dropped; default reducer {@code mean}. Proxies initialised N(0, 1) like PML.
 */
public record ProxyNcaLoss(int numClasses, int embeddingSize, double softmaxScale, Reducer reducer) implements ClassWeightLoss {

    public static ProxyNcaLoss from(Params p) {
        return new ProxyNcaLoss(p.getInt("num_classes", 0), p.getInt("embedding_size", 0), p.getDouble("softmax_scale", 1),
                Reducer.parse(p.getString("reducer", "mean")));
    }

    @Override
    public String name() {
        return "proxy_nca";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("num_classes", numClasses);
        m.put("embedding_size", embeddingSize);
        m.put("softmax_scale", softmaxScale);
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public double initialStd(int classes, int dim) {
        return 1.0;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        ClassWeights.Scores sc = ClassWeights.Scores.of(name(), b, numClasses, embeddingSize, PairMatrix.Kind.SQUARED_EUCLIDEAN, true);
        int c = sc.classes();
        int n = sc.n();
        PairMatrix d2 = sc.m();
        ClassLogitSoftmax ce = ClassLogitSoftmax.of(n, c, b.labels(), Tuples.weights(b.mined(), n), reducer, true, (i, logits) -> {
            for (int k = 0; k < c; k++) {
                logits[k] = -softmaxScale * d2.get(i, k);
            }
        });
        for (int i = 0; i < n; i++) {
            double ci = ce.sampleCoef(i);
            for (int k = 0; k < c; k++) {
                d2.addGrad(i, k, -softmaxScale * ci * ce.softmaxMinusTarget(i, k));
            }
        }
        return sc.output(ce.value());
    }
}
