package org.metriclab.probabilistic;

import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Vectors;
import org.metriclab.core.preprocess.Standardizer;

/**
 * Metric learning with privileged information in the manner of Fouad, Tino, Raychaudhury &amp; Schneider
 * (IEEE TNNLS 2013): the distance relations among training points in a privileged space, known at training
 * time only (the dataset's {@link Dataset#privileged} columns), set the constraints of ITML in the ordinary
 * feature space. The learned metric acts on the ordinary features alone, so transforms and test data never
 * need the privileged columns.
 *
 * <p>Constraint rule, per random pair k = (i, j) from the labels (as {@code itml} samples them):
 * <ol>
 *   <li>the privileged columns are standardised on the training rows (constant ones dropped), and a teacher
 *       metric M* is learned there: {@code teacher: itml} (default) runs ITML with its percentile bounds on the
 *       same pairs; {@code teacher: euclidean} takes M* = I;</li>
 *   <li>d*_k = (p_i − p_j)ᵀ M* (p_i − p_j), rescaled to the feature space by s = Σ_k ‖x_i − x_j‖² / Σ_k d*_k;</li>
 *   <li>the pair's bound is b_k = max(s·d*_k, floor · s · mean_k d*_k): an upper bound on the learned squared
 *       distance when the pair is similar, a lower bound when dissimilar. Similar pairs close in the privileged
 *       space are pulled tight, far ones (hard in the privileged view) get slack; dissimilar pairs far apart
 *       there are pushed far, close ones are left lenient. The floor keeps bounds positive for pairs that
 *       coincide in the privileged space.</li>
 * </ol>
 * Then ITML's Bregman projections (shared with {@code itml}) solve min D_ld(A, A₀) under these per-pair bounds.
 * A dataset without privileged columns carries no privileged information: the fit is then plain ITML (the
 * same pairs and percentile bounds as {@code itml}) with a warning.
 * With privileged columns equal to the (standardised) features and a Euclidean teacher, every bound equals the
 * pair's current distance, so A = A₀.
 *
 * <p>Defaults: teacher itml, floor 0.01, constraints 0 (= 20·classes² of each kind), and itml's gamma 1.0,
 * max_iter 1000, tol 1e-3, prior identity.
 */
public record ItmlPrivilegedLearner(ItmlLearner itml, int constraints, Teacher teacher, double floor)
        implements MetricLearner<MahalanobisMetric> {
    /** The metric of the privileged space whose distances set the bounds. */
    public enum Teacher { EUCLIDEAN, ITML }

    static final String WHO = "itml_privileged";

    public ItmlPrivilegedLearner {
        if (constraints < 0) {
            throw new IllegalArgumentException(WHO + ": constraints must be >= 0 (0 = 20·classes² pairs of each kind), got " + constraints);
        }
        if (!(floor > 0 && floor < 1)) {
            throw new IllegalArgumentException(WHO + ": floor (smallest bound, as a fraction of the mean pair bound) must be in (0, 1), got "
                    + floor);
        }
        if (teacher == null || itml == null) {
            throw new IllegalArgumentException(WHO + ": teacher must be one of euclidean, itml");
        }
    }

    public static ItmlPrivilegedLearner from(Params p) {
        ItmlLearner itml = new ItmlLearner(p.getDouble("gamma", 1.0), p.getInt("max_iter", 1000), p.getDouble("tol", 1e-3),
                p.getEnum("prior", ItmlLearner.Prior.IDENTITY), 0.0, 0.0);
        return new ItmlPrivilegedLearner(itml, p.getInt("constraints", 0), p.getEnum("teacher", Teacher.ITML),
                p.getDouble("floor", 0.01));
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        train.requireAtLeastTwoClasses(WHO);
        Pairs pairs = new RandomPairs(constraints).sample(train, ctx.random("constraints"));
        if (train.privileged().isEmpty()) {
            // no privileged information: the method is plain ITML on the same pairs
            ctx.progress().warn(WHO + ": dataset '" + train.name() + "' has no privileged columns, so this is plain itml; declare "
                    + "them in the dataset entry (privileged: [[first, last]])");
            return itml.fit(train.x(), pairs, ctx);
        }
        Matrix p = standardised(train.privileged().get(), train.name());
        return itml.fitWithBounds(train.x(), pairs, bounds(train.x(), p, teacherMetric(p, pairs, ctx), pairs, floor), ctx);
    }

    private static Matrix standardised(Matrix privileged, String dataset) {
        Standardizer std;
        try {
            std = Standardizer.fit(privileged);
        } catch (IllegalArgumentException e) {
            // the dataset already guarantees finite values and rows: only constant columns remain as a cause
            throw new FitException(WHO, "every privileged column of '" + dataset + "' is constant on the training rows",
                    "declare privileged columns that vary, or use itml", e);
        }
        return std.apply(privileged);
    }

    private Matrix teacherMetric(Matrix p, Pairs pairs, FitContext ctx) {
        if (teacher == Teacher.EUCLIDEAN) {
            return Matrix.identity(p.cols());
        }
        try {
            return itml.fit(p, pairs, new FitContext(ctx.seed(), teacherProgress(ctx.progress()))).m();
        } catch (FitException e) {
            throw new FitException(WHO, "the ITML teacher cannot fit the privileged columns (" + e.reason() + ")",
                    "use teacher: euclidean (e.g. for categorical privileged columns)", e);
        }
    }

    /**
     * b_k = max(s·d*_k, floor·s·mean d*) with d*_k the squared teacher distance of pair k in the privileged rows
     * {@code p} and s = Σ‖x_i − x_j‖² / Σ d*_k.
     */
    static double[] bounds(Matrix x, Matrix p, Matrix teacherMetric, Pairs pairs, double floor) {
        int m = pairs.size();
        double[] star = new double[m];
        double sumStar = 0;
        double sumX = 0;
        for (int k = 0; k < m; k++) {
            double[] dp = difference(p, pairs.left(k), pairs.right(k));
            star[k] = quadratic(teacherMetric, dp);
            sumStar += star[k];
            double[] dx = difference(x, pairs.left(k), pairs.right(k));
            sumX += Vectors.dot(dx, 0, dx, 0, dx.length);
        }
        if (!(sumStar > 0) || !(sumX > 0)) {
            throw new FitException(WHO, "the sampled pairs have no spread in the " + (sumStar > 0 ? "feature" : "privileged") + " space",
                    "check that the rows differ, or use more constraints");
        }
        double s = sumX / sumStar;
        double least = floor * s * sumStar / m;
        double[] b = new double[m];
        for (int k = 0; k < m; k++) {
            b[k] = Math.max(s * star[k], least);
        }
        return b;
    }

    private static Progress teacherProgress(Progress outer) {
        return new Progress() {
            @Override
            public void iteration(int iteration, double objective) {
                // the teacher's sweeps are not the learner's curve
            }

            @Override
            public void warn(String message) {
                outer.warn(WHO + " teacher (privileged space): " + message);
            }
        };
    }

    private static double[] difference(Matrix a, int i, int j) {
        double[] r = a.row(i);
        double[] o = a.row(j);
        for (int c = 0; c < r.length; c++) {
            r[c] -= o[c];
        }
        return r;
    }

    private static double quadratic(Matrix m, double[] v) {
        return Vectors.dot(v, 0, m.times(v), 0, v.length);
    }
}
