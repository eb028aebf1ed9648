package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * PML {@code MultiSimilarityLoss(alpha=2, beta=50, base=0.5)} on cosine similarity S: per anchor
 * {@code 1/α·log(1+Σ_p e^{−α(S_ap−base)}) + 1/β·log(1+Σ_n e^{β(S_an−base)})} (empty set → 0), over the
 * (mined) pairs of that anchor; reduced over all N anchors (default {@code mean}).
 */
public record MultiSimilarityLoss(double alpha, double beta, double base, Reducer reducer) implements MetricLoss {

    public static MultiSimilarityLoss from(Params p) {
        return new MultiSimilarityLoss(p.getDouble("alpha", 2), p.getDouble("beta", 50), p.getDouble("base", 0.5),
                Reducer.parse(p.getString("reducer", "mean")));
    }

    @Override
    public String name() {
        return "multi_similarity";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alpha", alpha);
        m.put("beta", beta);
        m.put("base", base);
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        int n = b.n();
        SelfScores sc = SelfScores.of(b, PairMatrix.Kind.DOT);
        PairMatrix s = sc.m();
        AnchorPairs ap = AnchorPairs.of(b);
        double[] terms = new double[n];
        double[][] softP = new double[n][];
        double[][] softN = new double[n][];
        int[][] idxP = new int[n][];
        int[][] idxN = new int[n][];
        double[] buf = new double[n];
        for (int i = 0; i < n; i++) {
            idxP[i] = ap.positives(i);
            idxN[i] = ap.negatives(i);
            softP[i] = new double[idxP[i].length];
            softN[i] = new double[idxN[i].length];
            for (int k = 0; k < idxP[i].length; k++) {
                buf[k] = -alpha * (s.get(i, idxP[i][k]) - base);
            }
            double lp = LogSumExp.of(buf, idxP[i].length, true, softP[i]);
            for (int k = 0; k < idxN[i].length; k++) {
                buf[k] = beta * (s.get(i, idxN[i][k]) - base);
            }
            double ln = LogSumExp.of(buf, idxN[i].length, true, softN[i]);
            terms[i] = lp / alpha + ln / beta;
        }
        double[] c = new double[n];
        double value = reducer.reduce(terms, c);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < idxP[i].length; k++) {
                s.addGrad(i, idxP[i][k], -c[i] * softP[i][k]);
            }
            for (int k = 0; k < idxN[i].length; k++) {
                s.addGrad(i, idxN[i][k], c[i] * softN[i][k]);
            }
        }
        return sc.output(value);
    }
}
