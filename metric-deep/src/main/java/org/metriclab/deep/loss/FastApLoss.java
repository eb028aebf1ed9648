package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * PML {@code FastAPLoss(num_bins=10)} (Cakir, He, Xia, Kulis & Sclaroff, <i>Deep metric learning to rank</i>,
 * CVPR 2019). Squared Euclidean distances of L2-normalised embeddings (range [0, 4]) are soft-binned with
 * triangular kernels of width Δ = 4 / num_bins centred at b·Δ, b = 0..num_bins. Per anchor with at least
 * one positive: h⁺_b, h⁻_b = kernel mass of its positives / negatives in bin b, H⁺ and H their cumulative
 * sums (positives, all), FastAP = Σ_b h⁺_b·H⁺_b / H_b over the bins where h⁺_b·H⁺_b &gt; 0 and H_b &gt; 0,
 * divided by the anchor's number of positives; term = (1 − FastAP) times the anchor's miner weight (mined
 * tuples only weight the anchors: all pairs are binned). Default reducer {@code mean} over those anchors.
 */
public record FastApLoss(int numBins, Reducer reducer) implements MetricLoss {

    public FastApLoss {
        if (numBins < 1) {
            throw new IllegalArgumentException("fast_ap: num_bins must be >= 1, got " + numBins);
        }
    }

    public static FastApLoss from(Params p) {
        return new FastApLoss(p.getInt("num_bins", 10), Reducer.parse(p.getString("reducer", "mean")));
    }

    @Override
    public String name() {
        return "fast_ap";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("num_bins", numBins);
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        int n = b.n();
        int[] y = b.labels();
        int[] anchors = new int[n];
        int[] positives = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                positives[i] += j != i && y[j] == y[i] ? 1 : 0;
            }
            if (positives[i] > 0) {
                anchors[k++] = i;
            }
        }
        if (k == 0) {
            return SelfScores.zero(b);
        }
        SelfScores sc = SelfScores.of(b, PairMatrix.Kind.SQUARED_EUCLIDEAN);
        PairMatrix d2 = sc.m();
        double[] mw = Tuples.weights(b.mined(), n);
        int bins = numBins + 1;
        double delta = 4.0 / numBins;
        double[] terms = new double[k];
        double[][] dPos = new double[k][];
        double[][] dNeg = new double[k][];
        for (int q = 0; q < k; q++) {
            int i = anchors[q];
            double[] hp = new double[bins];
            double[] hn = new double[bins];
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double[] h = y[j] == y[i] ? hp : hn;
                for (int e = 0; e < bins; e++) {
                    h[e] += Math.max(0, 1 - Math.abs(d2.get(i, j) - e * delta) / delta);
                }
            }
            double[] cp = new double[bins];
            double[] ch = new double[bins];
            double ap = 0;
            boolean[] safe = new boolean[bins];
            for (int e = 0; e < bins; e++) {
                cp[e] = (e > 0 ? cp[e - 1] : 0) + hp[e];
                ch[e] = (e > 0 ? ch[e - 1] : 0) + hp[e] + hn[e];
                safe[e] = hp[e] * cp[e] > 0 && ch[e] > 0;
                ap += safe[e] ? hp[e] * cp[e] / ch[e] : 0;
            }
            terms[q] = (1 - ap / positives[i]) * mw[i];
            // derivatives of the AP sum w.r.t. h⁺_e and h⁻_e: suffix sums over the safe bins b >= e
            dPos[q] = new double[bins];
            dNeg[q] = new double[bins];
            double sufRatio = 0;
            double sufSquare = 0;
            for (int e = bins - 1; e >= 0; e--) {
                if (safe[e]) {
                    sufRatio += hp[e] / ch[e];
                    sufSquare += hp[e] * cp[e] / (ch[e] * ch[e]);
                }
                dPos[q][e] = (safe[e] ? cp[e] / ch[e] : 0) + sufRatio - sufSquare;
                dNeg[q][e] = -sufSquare;
            }
        }
        double[] coef = new double[k];
        double value = reducer.reduce(terms, coef);
        for (int q = 0; q < k; q++) {
            int i = anchors[q];
            double f = -coef[q] * mw[i] / positives[i];
            if (f == 0) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double[] dh = y[j] == y[i] ? dPos[q] : dNeg[q];
                double dist = d2.get(i, j);
                double g = 0;
                for (int e = 0; e < bins; e++) {
                    double off = dist - e * delta;
                    if (1 - Math.abs(off) / delta > 0 && off != 0) {
                        g += dh[e] * -Math.signum(off) / delta;
                    }
                }
                d2.addGrad(i, j, f * g);
            }
        }
        return sc.output(value);
    }
}
