package org.metriclab.deep.loss;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.metriclab.core.learn.Params;

/**
 * PML {@code MarginLoss(margin=0.2, nu=0, beta=1.2, triplets_per_anchor="all", learn_beta=False,
 * num_classes=None)} (Wu, Manmatha, Smola & Krähenbühl, ICCV 2017) on the Euclidean distance of
 * L2-normalised embeddings. Per triplet (all, or the mined ones) with boundary β (β_{y_a} when
 * {@code num_classes} > 0): {@code relu(d_ap − β + margin) + relu(β − d_an + margin)}; the sum is divided
 * by the number of positive hinge parts (PML's DivisorReducer; 0 when none is positive). With
 * {@code learn_beta} the boundaries are trained and ν·β is added (ν·β for one β; with per-class β,
 * Σ over triplets of ν·β_{y_a} divided by the same count).
 *
 * <p>Learned β are kept in the trainer's weight block, which has D columns: one row per β (one row, or
 * {@code num_classes} rows), β being the row's mean. Every entry of a row receives the same gradient
 * dL/dβ / D, so a row whose entries start equal stays constant and β moves by the optimiser's step.
 * Without a weight block (no training) the configured {@code beta} is used.
 */
public record MarginLoss(double margin, double nu, double beta, boolean learnBeta, int numClasses) implements MetricLoss {

    public MarginLoss {
        if (numClasses < 0) {
            throw new IllegalArgumentException("margin: num_classes must be 0 (one beta) or the number of classes, got " + numClasses);
        }
    }

    public static MarginLoss from(Params p) {
        String tpa = p.getString("triplets_per_anchor", "all");
        if (!"all".equals(tpa)) {
            throw new IllegalArgumentException("triplets_per_anchor must be 'all' (random triplet sampling is not supported), got '" + tpa + "'");
        }
        return new MarginLoss(p.getDouble("margin", 0.2), p.getDouble("nu", 0), p.getDouble("beta", 1.2),
                p.getBoolean("learn_beta", false), p.getInt("num_classes", 0));
    }

    @Override
    public String name() {
        return "margin";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("margin", margin);
        m.put("nu", nu);
        m.put("beta", beta);
        m.put("triplets_per_anchor", "all");
        m.put("learn_beta", learnBeta);
        m.put("num_classes", numClasses);
        return m;
    }

    @Override
    public boolean usesWeights() {
        return learnBeta;
    }

    /** One row of D copies of {@code beta} per boundary (num_classes rows, or one); the number of rows comes from num_classes. */
    @Override
    public double[] initialWeights(int classes, int dim, RandomGenerator rng) {
        if (!learnBeta) {
            throw new IllegalStateException("margin has no weights unless learn_beta is true");
        }
        double[] w = new double[betas() * dim];
        Arrays.fill(w, beta);
        return w;
    }

    private int betas() {
        return numClasses > 0 ? numClasses : 1;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        int[] y = b.labels();
        double[] betas = currentBetas(b);
        SelfScores sc = SelfScores.of(b, PairMatrix.Kind.EUCLIDEAN);
        PairMatrix m = sc.m();
        Tuples.Triplets t = Tuples.toTriplets(b.mined(), y);
        int k = t.size();
        double[] gBeta = new double[betas.length];
        if (k == 0) {
            LossOutput zero = SelfScores.zero(b);
            return new LossOutput(0, zero.gradEmbeddings(), weightGradient(b, gBeta));
        }
        double[] pos = new double[k];
        double[] neg = new double[k];
        int divisor = 0;
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double bt = betas[betaIndex(y[t.a()[i]])];
            pos[i] = Math.max(0, m.get(t.a()[i], t.p()[i]) - bt + margin);
            neg[i] = Math.max(0, bt - m.get(t.a()[i], t.n()[i]) + margin);
            divisor += (pos[i] > 0 ? 1 : 0) + (neg[i] > 0 ? 1 : 0);
            sum += pos[i] + neg[i];
        }
        double value = 0;
        if (divisor > 0) {
            value = sum / divisor;
            for (int i = 0; i < k; i++) {
                int bi = betaIndex(y[t.a()[i]]);
                if (pos[i] > 0) {
                    m.addGrad(t.a()[i], t.p()[i], 1.0 / divisor);
                    gBeta[bi] -= 1.0 / divisor;
                }
                if (neg[i] > 0) {
                    m.addGrad(t.a()[i], t.n()[i], -1.0 / divisor);
                    gBeta[bi] += 1.0 / divisor;
                }
            }
        }
        if (learnBeta) {
            if (numClasses == 0) {
                value += nu * betas[0];
                gBeta[0] += nu;
            } else if (divisor > 0) {
                for (int i = 0; i < k; i++) {
                    int bi = betaIndex(y[t.a()[i]]);
                    value += nu * betas[bi] / divisor;
                    gBeta[bi] += nu / divisor;
                }
            }
        }
        LossOutput out = sc.output(value);
        return new LossOutput(value, out.gradEmbeddings(), weightGradient(b, gBeta));
    }

    private int betaIndex(int label) {
        return numClasses > 0 ? label : 0;
    }

    /** The boundaries in use: the row means of the weight block when β is learned and given, else the configured β. */
    private double[] currentBetas(LossBatch b) {
        int rows = betas();
        if (numClasses > 0) {
            for (int label : b.labels()) {
                if (label < 0 || label >= numClasses) {
                    throw new IllegalArgumentException("margin: label " + label + " has no beta; with num_classes=" + numClasses
                            + " labels must be class indices in [0, " + numClasses + ")");
                }
            }
        }
        double[] out = new double[rows];
        if (!learnBeta || b.weights() == null) {
            if (b.weights() != null) {
                throw new IllegalArgumentException("margin takes a weight block only with learn_beta: true");
            }
            Arrays.fill(out, beta);
            return out;
        }
        if (b.weightRows() != rows) {
            throw new IllegalArgumentException("margin: expected " + rows + " beta row(s) of " + b.d() + " values (num_classes="
                    + numClasses + "), got " + b.weightRows());
        }
        int d = b.d();
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                s += b.weights()[r * d + c];
            }
            out[r] = s / d;
        }
        return out;
    }

    private static double[] weightGradient(LossBatch b, double[] gBeta) {
        if (b.weights() == null) {
            return null;
        }
        int d = b.d();
        double[] g = new double[b.weights().length];
        for (int r = 0; r < gBeta.length; r++) {
            Arrays.fill(g, r * d, (r + 1) * d, gBeta[r] / d);
        }
        return g;
    }
}
