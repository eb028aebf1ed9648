package org.metriclab.core.learn;

import java.util.Locale;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.linalg.Matrix;

/**
 * Every learner built by {@link Learners#create} is wrapped in this check, so no learner returns a
 * silently broken model: after the fit the model embeds its own training rows, and the fit is a
 * {@link FitException} naming the learner when
 * <ul>
 *   <li>an embedded value is not finite;</li>
 *   <li>the spread of the embedding (root mean squared distance to its mean) exceeds
 *       {@code maxGrowth · max(1, spread of the input)} — a metric that amplifies round-off directions;</li>
 *   <li>the embedding maps every training row to one point although the rows differ.</li>
 * </ul>
 * A numerical breakdown inside the learner ({@link ArithmeticException}: a singular or non-definite
 * system) is reported the same way, as a failure of this fit caused by its data and parameters.
 *
 * @param name      the learner's catalogue name, for the message
 * @param learner   the learner
 * @param maxGrowth the largest accepted ratio of embedding spread to input spread (inputs below unit
 *                  spread count as 1, so whitening of tiny-scale data is not penalised)
 */
public record CheckedLearner<M extends LearnedMetric>(String name, MetricLearner<M> learner, double maxGrowth)
        implements MetricLearner<M> {
    /** Default bound on the spread growth: whitening within the eigenvalue policy stays far below it. */
    public static final double DEFAULT_MAX_GROWTH = 1e6;
    private static final String HINT = "standardize the features (--standardize), remove near-constant or duplicated "
            + "features, or lower dims / raise the learner's ridge or regularisation";

    public CheckedLearner {
        if (!(maxGrowth > 1) || Double.isInfinite(maxGrowth)) {
            throw new IllegalArgumentException("maxGrowth must be a finite number > 1, got " + maxGrowth);
        }
    }

    public CheckedLearner(String name, MetricLearner<M> learner) {
        this(name, learner, DEFAULT_MAX_GROWTH);
    }

    @Override
    public M fit(Dataset train, FitContext ctx) {
        M metric;
        try {
            metric = learner.fit(train, ctx);
        } catch (ArithmeticException e) {
            throw new FitException(name, "numerical breakdown: " + e.getMessage(), HINT, e);
        }
        verify(metric, train.x());
        return metric;
    }

    /** Throws {@link FitException} when the metric's embedding of x is non-finite, exploding or collapsed. */
    public void verify(LearnedMetric metric, Matrix x) {
        Matrix z = metric.embed(x);
        String bad = z.firstNonFinite();
        if (bad != null) {
            throw new FitException(name, "the model's embedding of its own training rows is not finite (entry " + bad + ")", HINT);
        }
        double in = spread(x);
        double out = spread(z);
        if (out > maxGrowth * Math.max(1.0, in)) {
            throw new FitException(name, String.format(Locale.ROOT,
                    "the model's embedding of its training rows has spread %.3g against %.3g for the input "
                            + "(bound: %.0g times); it amplifies near-degenerate directions", out, in, maxGrowth), HINT);
        }
        if (out == 0 && in > 0) {
            throw new FitException(name, "the model maps every training row to the same point", HINT);
        }
    }

    /** Root mean squared distance of the rows to their mean, computed on values scaled by the largest one. */
    static double spread(Matrix m) {
        double[] v = m.toArray();
        double max = 0;
        for (double e : v) {
            max = Math.max(max, Math.abs(e));
        }
        if (max == 0 || m.rows() == 0) {
            return 0;
        }
        if (Double.isInfinite(max)) {
            return Double.POSITIVE_INFINITY;
        }
        int n = m.rows();
        int d = m.cols();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += v[i * d + j] / max;
            }
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = v[i * d + j] / max - mean[j] / n;
                ss += c * c;
            }
        }
        return max * Math.sqrt(ss / n);
    }
}
