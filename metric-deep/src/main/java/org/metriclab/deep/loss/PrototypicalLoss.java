package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * Prototypical networks (Snell, Swersky & Zemel, NeurIPS 2017) on one episode: in every class of the
 * batch, the first {@code shots} rows (in batch order) are the support set and their mean the class
 * prototype p_c; every other row is a query, scored by the logits −‖z_q − p_c‖² (squared Euclidean) and
 * trained by cross-entropy, mean over queries. With {@code sampler: m_per_class}, {@code m} = shots +
 * queries and {@code batch_size} = ways·m, each batch is an N-way K-shot episode of the training classes.
 * {@code normalize} (default false, as in the paper) L2-normalises the embeddings first.
 */
public record PrototypicalLoss(int shots, boolean normalize) implements MetricLoss {

    public PrototypicalLoss {
        if (shots < 1) {
            throw new IllegalArgumentException("prototypical shots (support rows per class) must be at least 1, got " + shots);
        }
    }

    public static PrototypicalLoss from(Params p) {
        return new PrototypicalLoss(p.getInt("shots", 1), p.getBoolean("normalize", false));
    }

    @Override
    public String name() {
        return "prototypical";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shots", shots);
        m.put("normalize", normalize);
        return m;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        int n = b.n();
        int d = b.d();
        Embeddings e = new Embeddings(b.x(), n, d, normalize);
        double[] z = e.values;
        BatchScatter s = BatchScatter.of(z, n, d, b.labels());
        int c = s.classes();
        for (int k = 0; k < c; k++) {
            if (s.counts()[k] <= shots) {
                throw new IllegalArgumentException("prototypical needs more than shots=" + shots + " rows of every class in a batch (support"
                        + " plus queries); a class has " + s.counts()[k] + ": use sampler m_per_class with m > shots");
            }
        }
        boolean[] support = new boolean[n];
        int[] taken = new int[c];
        double[] proto = new double[c * d];
        int queries = 0;
        for (int i = 0; i < n; i++) {
            int k = s.cls()[i];
            if (taken[k] < shots) {
                taken[k]++;
                support[i] = true;
                for (int a = 0; a < d; a++) {
                    proto[k * d + a] += z[i * d + a] / shots;
                }
            } else {
                queries++;
            }
        }
        if (c < 2) {
            return new LossOutput(0, new double[n * d], null);
        }
        double[] logits = new double[c];
        double[] g = new double[c];
        double[] protoGrad = new double[c * d];
        double value = 0;
        for (int i = 0; i < n; i++) {
            if (support[i]) {
                continue;
            }
            for (int k = 0; k < c; k++) {
                double sq = 0;
                for (int a = 0; a < d; a++) {
                    double t = z[i * d + a] - proto[k * d + a];
                    sq += t * t;
                }
                logits[k] = -sq;
            }
            value += ClassWeights.crossEntropy(logits, s.cls()[i], g) / queries;
            for (int k = 0; k < c; k++) {
                double gk = g[k] / queries;
                if (gk == 0) {
                    continue;
                }
                for (int a = 0; a < d; a++) {
                    double t = 2 * gk * (z[i * d + a] - proto[k * d + a]);
                    e.grad[i * d + a] -= t;
                    protoGrad[k * d + a] += t;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (support[i]) {
                int k = s.cls()[i];
                for (int a = 0; a < d; a++) {
                    e.grad[i * d + a] += protoGrad[k * d + a] / shots;
                }
            }
        }
        return new LossOutput(value, e.rawGradient(), null);
    }
}
