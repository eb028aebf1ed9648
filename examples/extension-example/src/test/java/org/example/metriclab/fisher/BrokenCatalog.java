package org.example.metriclab.fisher;

import java.util.List;
import java.util.SplittableRandom;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.LearnerCatalog;
import org.metriclab.core.learn.LearnerEntry;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.linalg.Matrix;

/**
 * Deliberately broken learners (test sources only, never registered by a services file), used to show
 * that the shared contract catches them.
 */
public final class BrokenCatalog implements LearnerCatalog {
    /** Ignores the seed it is given: random feature weights from an unseeded generator. */
    public static final String UNSEEDED = "unseeded_scaling";
    /** Returns a "distance" with d(a, b) ≠ d(b, a). */
    public static final String ASYMMETRIC = "asymmetric_distance";

    @Override
    public String family() {
        return "broken";
    }

    @Override
    public List<LearnerEntry> learners() {
        return List.of(new LearnerEntry(UNSEEDED, "broken: not deterministic", p -> new Unseeded()),
                new LearnerEntry(ASYMMETRIC, "broken: asymmetric distance", p -> new Asymmetric()));
    }

    /** Random positive feature weights from an unseeded generator. */
    record Unseeded() implements MetricLearner<MahalanobisMetric> {
        @Override
        public MahalanobisMetric fit(Dataset train, FitContext ctx) {
            SplittableRandom r = new SplittableRandom(); // the bug: should be ctx.random("weights")
            double[] w = new double[train.dim()];
            for (int j = 0; j < w.length; j++) {
                w[j] = 0.5 + r.nextDouble();
            }
            return new MahalanobisMetric(Matrix.diagonal(w));
        }
    }

    /** Always returns {@link Skewed}. */
    record Asymmetric() implements MetricLearner<Skewed> {
        @Override
        public Skewed fit(Dataset train, FitContext ctx) {
            return new Skewed(train.dim());
        }
    }

    /** ‖a − b‖·(1 + ½·tanh(a₀ − b₀)): non-negative, zero on the diagonal, but not symmetric. */
    record Skewed(int dim) implements LearnedMetric {
        @Override
        public int inputDim() {
            return dim;
        }

        @Override
        public int outputDim() {
            return dim;
        }

        @Override
        public double[] embed(double[] x) {
            return x.clone();
        }

        @Override
        public double between(double[] a, double[] b) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += (a[j] - b[j]) * (a[j] - b[j]);
            }
            return Math.sqrt(s) * (1 + 0.5 * Math.tanh(a[0] - b[0]));
        }
    }
}
