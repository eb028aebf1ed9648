package org.metriclab.probabilistic;

import java.util.Arrays;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.ParamException;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Supervised;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;
import org.metriclab.core.linalg.RowPairs;
import org.metriclab.probabilistic.optim.OptimResult;
import org.metriclab.probabilistic.optim.ProjectedGradient;
import org.metriclab.probabilistic.optim.WolfeLbfgs;

/**
 * Logistic discriminant metric learning, LDML/PCCA-style (Guillaumin et al. 2009): the probability
 * that a pair is similar is σ(b − ‖x_i − x_j‖²_W); W ⪰ 0 and the threshold b maximise the regularised
 * log-likelihood of the pair labels (see {@link LdmlObjective}) by projected gradient with Armijo
 * backtracking (W projected onto the PSD cone, b free). Starts at W = I and b = the mean squared
 * Euclidean pair distance.
 *
 * <p>The survey's empirical-risk-minimisation view (Ghojogh et al. 2022, §4.5): the same sigmoid pair
 * model with a low-rank parameterisation W = LᵀL, L of size {@code dims} × d, minimises the same
 * objective over metrics of rank ≤ dims ({@link LowRankLdmlObjective}) by L-BFGS on (L, b), from the
 * pair differences' principal axes scaled to mean squared distance 1 (PCCA's start; PCCA is this
 * model with b fixed at 1, a sharpness β and λ‖L‖² instead of λ‖LᵀL‖²/2). The problem in L is not
 * convex, but with dims = d its optimum is the convex full-rank one.
 *
 * <p>Defaults: regularization λ = 1e-3, max_iter 1000, tol 1e-5 (low rank: on max|∂F|), step 1.0
 * (full rank only), dims 0 (= full-rank W on the PSD cone), constraints 0 (= 20·classes² pairs of each
 * kind when supervised).
 */
public record LdmlLearner(double regularization, int maxIter, double tol, double step, int dims)
        implements ConstraintLearner<Pairs, MahalanobisMetric> {
    public LdmlLearner {
        if (!(regularization >= 0) || maxIter < 1 || !(tol > 0) || !(step > 0)) {
            throw new IllegalArgumentException("ldml: need regularization >= 0, max_iter >= 1, tol > 0, step > 0; got "
                    + regularization + ", " + maxIter + ", " + tol + ", " + step);
        }
        if (dims < 0) {
            throw new IllegalArgumentException("ldml: dims must be >= 0 (0 = full-rank W), got " + dims);
        }
    }

    /** Full rank. */
    public LdmlLearner(double regularization, int maxIter, double tol, double step) {
        this(regularization, maxIter, tol, step, 0);
    }

    public static LdmlLearner from(Params p) {
        return new LdmlLearner(p.getDouble("regularization", 1e-3), p.getInt("max_iter", 1000), p.getDouble("tol", 1e-5),
                p.getDouble("step", 1.0), p.getInt("dims", 0));
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
        if (dims > 0) {
            return fitLowRank(v, m, d, pairs, ctx);
        }
        double[] x0 = new double[d * d + 1];
        for (int a = 0; a < d; a++) {
            x0[a * d + a] = 1.0;
        }
        double meanDistance = 0;
        for (double q : QuadraticForms.of(v, m, d, x0)) {
            meanDistance += q / m;
        }
        x0[d * d] = meanDistance;
        OptimResult r = new ProjectedGradient(maxIter, tol, step).minimize(
                new LdmlObjective(v, m, d, pairs.similar(), regularization), x0, z -> project(z, d), "ldml", ctx.progress());
        return MahalanobisMetric.fromPsd(Matrix.of(d, d, Arrays.copyOf(r.x(), d * d)));
    }

    private MahalanobisMetric fitLowRank(double[] v, int m, int d, Pairs pairs, FitContext ctx) {
        if (dims > d) {
            throw ParamException.invalid("dims", dims, "an integer from 0 to the number of features, " + d);
        }
        LowRankLdmlObjective f = new LowRankLdmlObjective(new LdmlObjective(v, m, d, pairs.similar(), regularization), dims, d);
        double[] x0 = Arrays.copyOf(PccaLearner.start(v, m, d, dims), dims * d + 1);
        x0[dims * d] = 1.0;
        OptimResult r = new WolfeLbfgs(10, tol, maxIter).minimize(f, x0, "ldml", ctx.progress());
        Matrix l = Matrix.of(dims, d, Arrays.copyOf(r.x(), dims * d));
        if (!l.isFinite() || l.frobeniusNorm() == 0) {
            throw new FitException("ldml", "the low-rank projection collapsed to " + (l.isFinite() ? "zero" : "non-finite values"),
                    "lower regularization or give more dissimilar pairs");
        }
        return new MahalanobisMetric(l);
    }

    private static double[] project(double[] z, int d) {
        double[] w = Psd.project(Matrix.of(d, d, Arrays.copyOf(z, d * d)).symmetrize()).toArray();
        double[] out = Arrays.copyOf(w, d * d + 1);
        out[d * d] = z[d * d];
        return out;
    }
}
