package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * PML {@code ProxyAnchorLoss(num_classes, embedding_size, margin=0.1, alpha=32)} (Kim et al. 2020), with
 * S = cosine(x_i, proxy_c): {@code Σ_c log(1+Σ_{i:y_i=c} e^{−α(S_ic−δ)+w_i−1}) / #classes present in the
 * batch + Σ_c log(1+Σ_{i:y_i≠c} e^{α(S_ic+δ)+w_i−1}) / C}, where w are miner weights (1 without a miner).
 * Proxies are initialised like PML ({@code kaiming_normal_(mode="fan_out")}: N(0, 2/C)).
 * num_classes / embedding_size 0 = taken from the weights.
 */
public record ProxyAnchorLoss(int numClasses, int embeddingSize, double margin, double alpha) implements ClassWeightLoss {

    public static ProxyAnchorLoss from(Params p) {
        return new ProxyAnchorLoss(p.getInt("num_classes", 0), p.getInt("embedding_size", 0), p.getDouble("margin", 0.1),
                p.getDouble("alpha", 32));
    }

    @Override
    public String name() {
        return "proxy_anchor";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("num_classes", numClasses);
        m.put("embedding_size", embeddingSize);
        m.put("margin", margin);
        m.put("alpha", alpha);
        return m;
    }

    @Override
    public double initialStd(int classes, int dim) {
        return Math.sqrt(2.0 / classes);
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        ClassWeights.Scores sc = ClassWeights.Scores.of(name(), b, numClasses, embeddingSize, PairMatrix.Kind.DOT, true);
        int c = sc.classes();
        int n = sc.n();
        PairMatrix s = sc.m();
        double[] mw = Tuples.weights(b.mined(), n);
        int[] y = b.labels();
        int present = 0;
        double pos = 0;
        double neg = 0;
        double[][] softP = new double[c][];
        double[][] softN = new double[c][];
        int[][] ip = new int[c][];
        int[][] in = new int[c][];
        double[] buf = new double[n];
        for (int k = 0; k < c; k++) {
            int cp = 0;
            for (int i = 0; i < n; i++) {
                cp += y[i] == k ? 1 : 0;
            }
            ip[k] = new int[cp];
            in[k] = new int[n - cp];
            int a = 0;
            int z = 0;
            for (int i = 0; i < n; i++) {
                if (y[i] == k) {
                    ip[k][a++] = i;
                } else {
                    in[k][z++] = i;
                }
            }
            present += cp > 0 ? 1 : 0;
            for (int t = 0; t < cp; t++) {
                buf[t] = -alpha * (s.get(ip[k][t], k) - margin) + mw[ip[k][t]] - 1;
            }
            softP[k] = new double[cp];
            pos += LogSumExp.of(buf, cp, true, softP[k]);
            for (int t = 0; t < in[k].length; t++) {
                buf[t] = alpha * (s.get(in[k][t], k) + margin) + mw[in[k][t]] - 1;
            }
            softN[k] = new double[in[k].length];
            neg += LogSumExp.of(buf, in[k].length, true, softN[k]);
        }
        double value = pos / present + neg / c;
        for (int k = 0; k < c; k++) {
            for (int t = 0; t < ip[k].length; t++) {
                s.addGrad(ip[k][t], k, -alpha * softP[k][t] / present);
            }
            for (int t = 0; t < in[k].length; t++) {
                s.addGrad(in[k][t], k, alpha * softN[k][t] / c);
            }
        }
        return sc.output(value);
    }
}
