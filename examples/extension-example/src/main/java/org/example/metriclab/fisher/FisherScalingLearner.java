package org.example.metriclab.fisher;

import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;

/**
 * Diagonal Fisher scaling: a diagonal Mahalanobis metric M = diag(w) that weights each feature by its
 * Fisher score (Duda, Hart and Stork, Pattern Classification, 2nd ed., §3.8; Gu, Li and Han,
 * "Generalized Fisher Score for Feature Selection", UAI 2011),
 *
 * <pre>
 *   w_j = B_j / (W_j + ridge · mean_k W_k),
 *   B_j = Σ_c n_c (μ_cj − μ_j)²          (between-class scatter of feature j)
 *   W_j = Σ_c Σ_{i ∈ c} (x_ij − μ_cj)²   (within-class scatter of feature j)
 * </pre>
 *
 * so features whose class means are far apart relative to their spread count more. A feature with
 * B_j = 0 (e.g. a constant one) gets weight 0. With {@code normalize} the weights are rescaled to mean 1,
 * which keeps distances on the scale of the (standardised) inputs; rankings do not depend on it.
 * L = diag(√w), so the embedding is x ↦ (√w_j x_j).
 *
 * <p>Parameters: {@code ridge} ≥ 0 [1e-6] (relative regulariser of the within-class scatter; with 0, a
 * feature that separates the classes perfectly is an error), {@code normalize} [true]. Needs at least
 * two classes and two rows. Deterministic; ignores the seed.
 */
public record FisherScalingLearner(double ridge, boolean normalize) implements MetricLearner<MahalanobisMetric> {
    /** The catalogue name. */
    public static final String NAME = "fisher_scaling";

    public FisherScalingLearner {
        if (!(ridge >= 0 && Double.isFinite(ridge))) {
            throw new IllegalArgumentException(NAME + ": ridge must be a finite number >= 0, got " + ridge);
        }
    }

    /** Reads {@code ridge} [1e-6] and {@code normalize} [true]. */
    public static FisherScalingLearner from(Params p) {
        return new FisherScalingLearner(p.getDouble("ridge", 1e-6), p.getBoolean("normalize", true));
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        train.requireAtLeastTwoClasses(NAME);
        double[] w = weights(train);
        double[] root = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            root[j] = Math.sqrt(w[j]);
        }
        return new MahalanobisMetric(Matrix.diagonal(root));
    }

    /** The feature weights w (the diagonal of M) for these training data. */
    public double[] weights(Dataset train) {
        int n = train.size();
        int d = train.dim();
        int[] classes = train.labels().classes();
        int k = classes.length;
        double[] x = train.x().toArray();
        double[] classMean = new double[k * d];
        double[] mean = new double[d];
        int[] count = new int[k];
        int[] cls = new int[n];
        for (int i = 0; i < n; i++) {
            cls[i] = train.labels().classIndex(train.labels().get(i));
            count[cls[i]]++;
            for (int j = 0; j < d; j++) {
                classMean[cls[i] * d + j] += x[i * d + j];
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
            for (int c = 0; c < k; c++) {
                classMean[c * d + j] /= count[c];
            }
        }
        double[] between = new double[d];
        double[] within = new double[d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                double g = classMean[c * d + j] - mean[j];
                between[j] += count[c] * g * g;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double e = x[i * d + j] - classMean[cls[i] * d + j];
                within[j] += e * e;
            }
        }
        double meanWithin = 0;
        for (double v : within) {
            meanWithin += v / d;
        }
        double[] w = new double[d];
        double sum = 0;
        for (int j = 0; j < d; j++) {
            double denominator = within[j] + ridge * meanWithin;
            if (between[j] == 0) {
                w[j] = 0;
            } else if (denominator > 0) {
                w[j] = between[j] / denominator;
            } else {
                throw new IllegalArgumentException(NAME + ": feature " + j + " has zero within-class scatter, so its Fisher score is "
                        + "infinite; set ridge > 0 (it is " + ridge + ") or drop duplicate rows");
            }
            sum += w[j];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException(NAME + ": no feature separates the classes (every class has the same mean), "
                    + "so every Fisher score is 0");
        }
        if (normalize) {
            for (int j = 0; j < d; j++) {
                w[j] *= d / sum;
            }
        }
        return w;
    }
}
