package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;

/**
 * DeepLDA (Dorfer, Kelz & Widmer, ICLR 2016): on the batch embeddings with C classes, the total scatter
 * S_t = X̄ᵀX̄/(N−1), the within scatter S_w = (1/C) Σ_c X̄_cᵀX̄_c/(N_c−1) and S_b = S_t − S_w; the generalized
 * eigenvalues λ of S_b v = λ (S_w + r I) v. Of the C−1 largest (the discriminant directions), those below
 * their minimum + {@code epsilon} (the minimum always) are pushed up: loss = −mean of them. The gradient runs through the
 * eigenproblem: with VᵀBV = I, dλ = vᵀ(dS_b − λ dS_w)v = vᵀ dS_t v − (1+λ) vᵀ dS_w v, hence
 * ∂λ/∂x_j = 2(x_j − m)ᵀv·v/(N−1) − (1+λ)·2(x_j − m_c)ᵀv·v/(C(N_c−1)).
 * Every class in a batch needs two rows (its covariance); a batch with one class gives 0.
 */
public record DeepLdaLoss(double r, double epsilon, boolean normalize) implements MetricLoss {

    public DeepLdaLoss {
        if (!(r > 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("deep_lda r (the within-scatter ridge) must be a finite value > 0, got " + r);
        }
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("deep_lda epsilon must be a finite value >= 0, got " + epsilon);
        }
    }

    public static DeepLdaLoss from(Params p) {
        return new DeepLdaLoss(p.getDouble("r", 1e-3), p.getDouble("epsilon", 1), p.getBoolean("normalize", false));
    }

    @Override
    public String name() {
        return "deep_lda";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("r", r);
        m.put("epsilon", epsilon);
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
        if (c < 2) {
            return new LossOutput(0, new double[n * d], null);
        }
        for (int k = 0; k < c; k++) {
            if (s.counts()[k] < 2) {
                throw new IllegalArgumentException("deep_lda needs at least two rows of every class in a batch (a class covariance);"
                        + " use sampler m_per_class with m >= 2");
            }
        }
        double[] st = new double[d * d];
        double[] sw = new double[d * d];
        for (int i = 0; i < n; i++) {
            double wt = 1.0 / (n - 1);
            double ww = 1.0 / (c * (s.counts()[s.cls()[i]] - 1.0));
            for (int a = 0; a < d; a++) {
                double ta = s.total(z, i, a);
                double wa = s.within(z, i, a);
                for (int q = a; q < d; q++) {
                    st[a * d + q] += wt * ta * s.total(z, i, q);
                    sw[a * d + q] += ww * wa * s.within(z, i, q);
                }
            }
        }
        double[] sb = new double[d * d];
        double[] reg = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int q = a; q < d; q++) {
                st[q * d + a] = st[a * d + q];
                sw[q * d + a] = sw[a * d + q];
                sb[a * d + q] = st[a * d + q] - sw[a * d + q];
                sb[q * d + a] = sb[a * d + q];
                reg[a * d + q] = sw[a * d + q] + (a == q ? r : 0);
                reg[q * d + a] = reg[a * d + q];
            }
        }
        EigenPairs ep = Eigen.generalized(Matrix.of(d, d, sb), Matrix.of(d, d, reg));
        int k = Math.min(c - 1, ep.size());
        double floor = ep.value(k - 1) + epsilon;
        int chosen = 0;
        double sum = 0;
        for (int j = 0; j < k; j++) {
            if (ep.value(j) <= floor) {
                chosen++;
                sum += ep.value(j);
            }
        }
        double[] v = new double[d];
        for (int j = 0; j < k; j++) {
            double lam = ep.value(j);
            if (!(lam <= floor)) {
                continue;
            }
            for (int a = 0; a < d; a++) {
                v[a] = ep.vectors().get(a, j);
            }
            double coef = -1.0 / chosen;
            for (int i = 0; i < n; i++) {
                double p = 0;
                double q = 0;
                for (int a = 0; a < d; a++) {
                    p += s.total(z, i, a) * v[a];
                    q += s.within(z, i, a) * v[a];
                }
                double f = coef * (2 * p / (n - 1) - (1 + lam) * 2 * q / (c * (s.counts()[s.cls()[i]] - 1.0)));
                for (int a = 0; a < d; a++) {
                    e.grad[i * d + a] += f * v[a];
                }
            }
        }
        return new LossOutput(-sum / chosen, e.rawGradient(), null);
    }
}
