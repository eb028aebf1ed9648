package org.metriclab.probabilistic;

import java.util.Arrays;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Supervised;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;
import org.metriclab.core.linalg.RowPairs;
import org.metriclab.probabilistic.optim.OptimResult;
import org.metriclab.probabilistic.optim.ProjectedGradient;

/**
 * Logistic discriminant metric learning, LDML/PCCA-style (Guillaumin et al. 2009): the probability
 * that a pair is similar is σ(b − ‖x_i − x_j‖²_W); W ⪰ 0 and the threshold b maximise the regularised
 * log-likelihood of the pair labels (see {@link LdmlObjective}) by projected gradient with Armijo
 * backtracking (W projected onto the PSD cone, b free). Starts at W = I and b = the mean squared
 * Euclidean pair distance.
 *
 * <p>Defaults: regularization λ = 1e-3, max_iter 1000, tol 1e-5, step 1.0, constraints 0
 * (= 20·classes² pairs of each kind when supervised).
 */
public record LdmlLearner(double regularization, int maxIter, double tol, double step)
        implements ConstraintLearner<Pairs, MahalanobisMetric> {
    public LdmlLearner {
        if (!(regularization >= 0) || maxIter < 1 || !(tol > 0) || !(step > 0)) {
            throw new IllegalArgumentException("ldml: need regularization >= 0, max_iter >= 1, tol > 0, step > 0; got "
                    + regularization + ", " + maxIter + ", " + tol + ", " + step);
        }
    }

    public static LdmlLearner from(Params p) {
        return new LdmlLearner(p.getDouble("regularization", 1e-3), p.getInt("max_iter", 1000), p.getDouble("tol", 1e-5),
                p.getDouble("step", 1.0));
    }

    public static Supervised<Pairs, MahalanobisMetric> supervised(Params p) {
        return new Supervised<>(from(p), new RandomPairs(p.getInt("constraints", 0)));
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        pairs.requireIndicesBelow(x.rows());
        if (pairs.size() == 0) {
            throw new IllegalArgumentException("ldml needs at least one pair, got none");
        }
        int d = x.cols();
        int m = pairs.size();
        double[] v = new RowPairs(pairs.left(), pairs.right()).differences(x).toArray();
        double[] x0 = new double[d * d + 1];
        for (int a = 0; a < d; a++) {
            x0[a * d + a] = 1.0;
        }
        double meanDistance = 0;
        for (double q : LdmlObjective.quadraticForms(v, m, d, x0)) {
            meanDistance += q / m;
        }
        x0[d * d] = meanDistance;
        OptimResult r = new ProjectedGradient(maxIter, tol, step).minimize(
                new LdmlObjective(v, m, d, pairs.similar(), regularization), x0, z -> project(z, d), "ldml", ctx.progress());
        return MahalanobisMetric.fromPsd(Matrix.of(d, d, Arrays.copyOf(r.x(), d * d)));
    }

    private static double[] project(double[] z, int d) {
        double[] w = Psd.project(Matrix.of(d, d, Arrays.copyOf(z, d * d)).symmetrize()).toArray();
        double[] out = Arrays.copyOf(w, d * d + 1);
        out[d * d] = z[d * d];
        return out;
    }
}
