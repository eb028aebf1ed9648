package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.metriclab.core.learn.Params;

/**
 * Deep adversarial metric learning (DAML; Duan, Zheng, Lu & Zhou, CVPR 2018), on L2-normalised
 * embeddings: a generator ñ = G(a, p, n) = Wᵀ[a; p; n] + b synthesises a hard negative from every
 * (mined, default all) triplet. The metric network minimises the triplet hinge on the real and, weighted
 * by {@code lambda}, on the synthetic negatives,
 * J_m = mean relu(‖a−p‖² − ‖a−n‖² + m) + λ·mean relu(‖a−p‖² − ‖a−ñ‖² + m) (its gradient runs through G
 * into a, p and n); the generator is trained adversarially on
 * J_gen = mean [hard·‖ñ−a‖² + reg·‖ñ−n‖² + adv·relu(‖a−ñ‖² − ‖a−p‖² − m)]: close to the anchor, near its
 * real negative, and no farther from the anchor than the positive. The generator's (3D+1)×D parameters
 * (W's rows, then b) are this loss's trained weights (at {@code weight_lr}); their gradient is that of
 * J_gen, the reported value J_m. G starts as the map to the real negative (plus N(0, 0.01²) noise).
 * Defaults follow the paper: λ1 = 1 for the regulariser and λ2 = 50 for the adversarial term.
 */
public record DamlLoss(double margin, double lambda, double hard, double reg, double adv) implements MetricLoss {

    public DamlLoss {
        for (double v : new double[] {margin, lambda, hard, reg, adv}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("daml margin, lambda, hard, reg and adv must be finite values >= 0");
            }
        }
    }

    public static DamlLoss from(Params p) {
        return new DamlLoss(p.getDouble("margin", 0.2), p.getDouble("lambda", 1), p.getDouble("hard", 1), p.getDouble("reg", 1),
                p.getDouble("adv", 50));
    }

    @Override
    public String name() {
        return "daml";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("margin", margin);
        m.put("lambda", lambda);
        m.put("hard", hard);
        m.put("reg", reg);
        m.put("adv", adv);
        return m;
    }

    @Override
    public boolean usesWeights() {
        return true;
    }

    @Override
    public double[] initialWeights(int classes, int dim, RandomGenerator rng) {
        double[] w = MetricLoss.gaussian((3 * dim + 1) * dim, 0.01, rng);
        for (int j = 0; j < dim; j++) {
            w[(2 * dim + j) * dim + j] += 1;
        }
        return w;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        return run(b, false);
    }

    /** The generator's objective J_gen on this batch (its gradient is {@link #evaluate}'s weight gradient). */
    public double generatorObjective(LossBatch b) {
        return run(b, true).value();
    }

    private LossOutput run(LossBatch b, boolean generatorValue) {
        int n = b.n();
        int d = b.d();
        if (b.weights() == null || b.weights().length != (3 * d + 1) * d) {
            throw new IllegalArgumentException("daml needs its generator's " + (3 * d + 1) + "×" + d + " parameters as weights, got "
                    + (b.weights() == null ? "none" : b.weights().length / d + " rows"));
        }
        double[] w = b.weights();
        Embeddings e = new Embeddings(b.x(), n, d, true);
        double[] z = e.values;
        Tuples.Triplets t = Tuples.toTriplets(b.mined(), b.labels());
        int count = t.size();
        double[] gw = new double[w.length];
        if (count == 0) {
            return new LossOutput(0, new double[n * d], gw);
        }
        double[] u = new double[3 * d];
        double[] fake = new double[d];
        double[] gFake = new double[d];
        double[] gGen = new double[d];
        double metric = 0;
        double gen = 0;
        for (int k = 0; k < count; k++) {
            int[] rows = {t.a()[k], t.p()[k], t.n()[k]};
            for (int r = 0; r < 3; r++) {
                System.arraycopy(z, rows[r] * d, u, r * d, d);
            }
            for (int j = 0; j < d; j++) {
                double s = w[3 * d * d + j];
                for (int i = 0; i < 3 * d; i++) {
                    s += u[i] * w[i * d + j];
                }
                fake[j] = s;
            }
            double ap = 0;
            double an = 0;
            double af = 0;
            double fn = 0;
            for (int j = 0; j < d; j++) {
                double a = u[j];
                ap += (a - u[d + j]) * (a - u[d + j]);
                an += (a - u[2 * d + j]) * (a - u[2 * d + j]);
                af += (a - fake[j]) * (a - fake[j]);
                fn += (fake[j] - u[2 * d + j]) * (fake[j] - u[2 * d + j]);
            }
            double real = ap - an + margin;
            double synth = ap - af + margin;
            double adversarial = af - ap - margin;
            metric += Math.max(0, real) + lambda * Math.max(0, synth);
            gen += hard * af + reg * fn + adv * Math.max(0, adversarial);
            int ia = rows[0] * d;
            int ip = rows[1] * d;
            int in = rows[2] * d;
            double c = 1.0 / count;
            if (real > 0) {
                for (int j = 0; j < d; j++) {
                    e.grad[ia + j] += c * 2 * (u[2 * d + j] - u[d + j]);
                    e.grad[ip + j] -= c * 2 * (u[j] - u[d + j]);
                    e.grad[in + j] += c * 2 * (u[j] - u[2 * d + j]);
                }
            }
            if (synth > 0) {
                double cs = c * lambda;
                for (int j = 0; j < d; j++) {
                    e.grad[ia + j] += cs * 2 * (fake[j] - u[d + j]);
                    e.grad[ip + j] -= cs * 2 * (u[j] - u[d + j]);
                    gFake[j] = cs * 2 * (u[j] - fake[j]);
                }
                // through ñ = Wᵀu + b into the rows that form u
                for (int i = 0; i < 3 * d; i++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += w[i * d + j] * gFake[j];
                    }
                    e.grad[rows[i / d] * d + i % d] += s;
                }
            }
            for (int j = 0; j < d; j++) {
                gGen[j] = c * (2 * hard * (fake[j] - u[j]) + 2 * reg * (fake[j] - u[2 * d + j])
                        + (adversarial > 0 ? adv * 2 * (fake[j] - u[j]) : 0));
            }
            for (int i = 0; i < 3 * d; i++) {
                for (int j = 0; j < d; j++) {
                    gw[i * d + j] += u[i] * gGen[j];
                }
            }
            for (int j = 0; j < d; j++) {
                gw[3 * d * d + j] += gGen[j];
            }
        }
        double value = generatorValue ? gen / count : metric / count;
        return new LossOutput(value, e.rawGradient(), gw);
    }
}
