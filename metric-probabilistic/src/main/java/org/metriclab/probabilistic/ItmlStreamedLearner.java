package org.metriclab.probabilistic;

import java.util.Arrays;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.RowSource;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.probabilistic.stochastic.StreamedItml;

/**
 * {@code itml} with {@code solver: minibatch}: ITML over streamed constraint batches
 * ({@link StreamedItml}), prior identity. Bounds as in exact ITML: given, or the 5th and 95th
 * percentiles of the distances among up to {@value #BOUND_ROWS} rows sampled from the training rows.
 *
 * <p>Defaults: gamma 1.0, batch_size 256 (pairs per batch), max_iter 200 (batches), passes 1,
 * similar_bound 0 / dissimilar_bound 0 (percentiles).
 */
record ItmlStreamedLearner(double gamma, int batchSize, int batches, int passes, double similarBound, double dissimilarBound)
        implements MetricLearner<MahalanobisMetric> {
    private static final int BOUND_ROWS = 2000;

    ItmlStreamedLearner {
        if (!(similarBound >= 0) || !(dissimilarBound >= 0) || ((similarBound > 0) != (dissimilarBound > 0))
                || (similarBound > 0 && similarBound >= dissimilarBound)) {
            throw new IllegalArgumentException("itml: need both bounds 0 (percentiles) or 0 < similar_bound < dissimilar_bound; got "
                    + similarBound + ", " + dissimilarBound);
        }
        new StreamedItml(gamma, batchSize, batches, passes);
    }

    static ItmlStreamedLearner from(Params p) {
        return new ItmlStreamedLearner(p.getDouble("gamma", 1.0), p.getInt("batch_size", 256), p.getInt("max_iter", 200),
                p.getInt("passes", 1), p.getDouble("similar_bound", 0.0), p.getDouble("dissimilar_bound", 0.0));
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        train.requireAtLeastTwoClasses("itml");
        int d = train.dim();
        double[] bounds = similarBound > 0 ? new double[] {similarBound, dissimilarBound} : sampledBounds(train, ctx);
        int[] classes = Arrays.stream(train.labels().toArray()).map(train.labels()::classIndex).toArray();
        double[] a0 = Matrix.identity(d).toArray();
        double[] a = new StreamedItml(gamma, batchSize, batches, passes).fit(RowSource.of(train.x()), classes, bounds[0], bounds[1],
                a0, ctx);
        return MahalanobisMetric.fromPsd(Matrix.of(d, d, a).symmetrize());
    }

    /** ItmlLearner's percentile bounds over the rows of a random sample, paired up consecutively. */
    private static double[] sampledBounds(Dataset train, FitContext ctx) {
        int[] perm = FitContext.permutation(train.size(), ctx.random("bounds"));
        int m = Math.min(BOUND_ROWS, train.size()) / 2 * 2;
        int[] left = new int[m / 2];
        int[] right = new int[m / 2];
        boolean[] similar = new boolean[m / 2];
        for (int k = 0; k < m / 2; k++) {
            left[k] = k;
            right[k] = m / 2 + k;
        }
        Matrix sample = train.x().rows(Arrays.copyOf(perm, m));
        return ItmlLearner.percentileBounds(sample.toArray(), train.dim(), new Pairs(left, right, similar), ctx);
    }
}
