package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.metriclab.core.learn.Params;

/**
 * Deep adversarial metric learning (DAML; Duan, Zheng, Lin, Lu & Zhou, CVPR 2018) with the triplet
 * metric, on L2-normalised embeddings. For every (mined, default all) triplet (a, p, n) a generator
 * network G ({@link DamlGenerator}: {@code generator_layers} fully connected layers, ReLU between them,
 * {@code generator_width} hidden units, over the concatenated [a; p; n]) synthesises a hard negative
 * ñ = G(a, p, n). Two objectives share each batch:
 * <ul>
 *   <li>the generator minimises J_gen = mean [hard·‖ñ − a‖² + reg·‖ñ − n‖² + adv·relu(‖ñ − a‖² − ‖p − a‖² − m)]:
 *   close to the anchor (hard), near the real negative it came from (reg, the paper's λ1), and within the
 *   positive's distance of the anchor, i.e. violating the metric's margin (adv, the paper's λ2);</li>
 *   <li>the metric network minimises J_m = mean relu(‖a − p‖² − ‖a − n‖² + m) + lambda·mean relu(‖a − p‖² −
 *   ‖a − ñ‖² + m): the triplet hinge on the real and, weighted by {@code lambda}, on the synthetic negatives,
 *   its gradient running through G (held fixed) into a, p and n.</li>
 * </ul>
 * The trainer alternates the two per batch: one forward pass, then a step of the network on J_m and a
 * step of G's parameters (this loss's trained weights, at {@code weight_lr}) on J_gen; the reported value
 * is J_m. As reg grows, G's optimum for a triplet, ñ* = ((hard + adv·[active])·a + reg·n) / (hard + adv·[active] + reg),
 * tends to the real negative n. Defaults: λ1 = 1, λ2 = 50 as in the paper, three generator layers.
 */
public record DamlLoss(double margin, double lambda, double hard, double reg, double adv, int generatorLayers, int generatorWidth)
        implements MetricLoss {

    public DamlLoss {
        for (double v : new double[] {margin, lambda, hard, reg, adv}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("daml margin, lambda, hard, reg and adv must be finite values >= 0");
            }
        }
        if (hard + reg + adv == 0) {
            throw new IllegalArgumentException("daml needs hard, reg or adv above 0: with all three 0 the generator has no objective");
        }
        new DamlGenerator(1, generatorLayers, generatorWidth);
    }

    public static DamlLoss from(Params p) {
        return new DamlLoss(p.getDouble("margin", 0.2), p.getDouble("lambda", 1), p.getDouble("hard", 1), p.getDouble("reg", 1),
                p.getDouble("adv", 50), p.getInt("generator_layers", 3), p.getInt("generator_width", 256));
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
        m.put("generator_layers", generatorLayers);
        m.put("generator_width", generatorWidth);
        return m;
    }

    /** The generator for embeddings of {@code dim} columns. */
    DamlGenerator generator(int dim) {
        return new DamlGenerator(dim, generatorLayers, generatorWidth);
    }

    @Override
    public boolean usesWeights() {
        return true;
    }

    @Override
    public double[] initialWeights(int classes, int dim, RandomGenerator rng) {
        return generator(dim).initial(rng);
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        return run(b, false);
    }

    /** The generator's objective J_gen on this batch (its gradient is {@link #evaluate}'s weight gradient). */
    public double generatorObjective(LossBatch b) {
        return run(b, true).value();
    }

    /** The synthetic negative G(a, p, n) for one triplet of (unnormalised) embedding rows. */
    public double[] synthesize(double[] weights, double[] a, double[] p, double[] n) {
        int d = a.length;
        DamlGenerator g = checked(weights, d);
        double[] u = new double[3 * d];
        System.arraycopy(a, 0, u, 0, d);
        System.arraycopy(p, 0, u, d, d);
        System.arraycopy(n, 0, u, 2 * d, d);
        double[][] h = g.forward(weights, u);
        return h[generatorLayers];
    }

    private DamlGenerator checked(double[] w, int d) {
        DamlGenerator g = generator(d);
        if (w == null || w.length != g.parameterCount()) {
            throw new IllegalArgumentException("daml needs its generator's " + g.parameterCount() / d + "×" + d + " parameters as weights, got "
                    + (w == null ? "none" : w.length / d + " rows"));
        }
        return g;
    }

    private LossOutput run(LossBatch b, boolean generatorValue) {
        int n = b.n();
        int d = b.d();
        double[] w = b.weights();
        DamlGenerator g = checked(w, d);
        Embeddings e = new Embeddings(b.x(), n, d, true);
        double[] z = e.values;
        Tuples.Triplets t = Tuples.toTriplets(b.mined(), b.labels());
        int count = t.size();
        double[] gw = new double[w.length];
        if (count == 0) {
            return new LossOutput(0, new double[n * d], gw);
        }
        double[] gFake = new double[d];
        double[] gGen = new double[d];
        double metric = 0;
        double gen = 0;
        double c = 1.0 / count;
        for (int k = 0; k < count; k++) {
            int[] rows = {t.a()[k], t.p()[k], t.n()[k]};
            double[] u = new double[3 * d];
            for (int r = 0; r < 3; r++) {
                System.arraycopy(z, rows[r] * d, u, r * d, d);
            }
            double[][] h = g.forward(w, u);
            double[] fake = h[generatorLayers];
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
            if (real > 0) {
                for (int j = 0; j < d; j++) {
                    e.grad[ia + j] += c * 2 * (u[2 * d + j] - u[d + j]);
                    e.grad[ip + j] -= c * 2 * (u[j] - u[d + j]);
                    e.grad[in + j] += c * 2 * (u[j] - u[2 * d + j]);
                }
            }
            if (synth > 0 && lambda > 0) {
                double cs = c * lambda;
                for (int j = 0; j < d; j++) {
                    e.grad[ia + j] += cs * 2 * (fake[j] - u[d + j]);
                    e.grad[ip + j] -= cs * 2 * (u[j] - u[d + j]);
                    gFake[j] = cs * 2 * (u[j] - fake[j]);
                }
                // through ñ = G(u) into the rows that form u, G's parameters held fixed
                double[] gu = g.backward(w, h, gFake, null, true);
                for (int i = 0; i < 3 * d; i++) {
                    e.grad[rows[i / d] * d + i % d] += gu[i];
                }
            }
            for (int j = 0; j < d; j++) {
                gGen[j] = c * (2 * hard * (fake[j] - u[j]) + 2 * reg * (fake[j] - u[2 * d + j])
                        + (adversarial > 0 ? adv * 2 * (fake[j] - u[j]) : 0));
            }
            g.backward(w, h, gGen, gw, false);
        }
        double value = generatorValue ? gen / count : metric / count;
        return new LossOutput(value, e.rawGradient(), gw);
    }
}
