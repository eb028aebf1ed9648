package org.metriclab.probabilistic;

import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.ParamException;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Supervised;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.RowPairs;
import org.metriclab.probabilistic.optim.OptimResult;
import org.metriclab.probabilistic.optim.SmileLbfgs;

/**
 * Pairwise constrained component analysis (Mignon & Jurie, CVPR 2012): a k × d projection L, low rank
 * by construction, minimising the generalised logistic loss of the pairs' squared projected
 * distances against the threshold 1 ({@link PccaObjective}) by L-BFGS. Starts from the top-k
 * principal axes of the pair differences, scaled so that the mean squared projected pair distance
 * is 1 (the threshold), which makes the start independent of the units of the features.
 *
 * <p>Defaults: dims 0 (= d), beta 3.0 (sharpness of the loss, the paper's choice), regularization
 * 1e-4 (λ on ‖L‖²_F), max_iter 1000, tol 1e-5 (L-BFGS gradient tolerance), constraints 0
 * (= 20·classes² pairs of each kind when supervised).
 */
public record PccaLearner(int dims, double beta, double regularization, int maxIter, double tol)
        implements ConstraintLearner<Pairs, MahalanobisMetric> {
    public PccaLearner {
        if (dims < 0) {
            throw ParamException.invalid("dims", dims, "an integer >= 0 (0 = the number of features)");
        }
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw ParamException.invalid("beta", beta, "a finite number > 0");
        }
        if (!(regularization >= 0) || !Double.isFinite(regularization)) {
            throw ParamException.invalid("regularization", regularization, "a finite number >= 0");
        }
        if (maxIter < 1) {
            throw ParamException.invalid("max_iter", maxIter, "an integer >= 1");
        }
        if (!(tol > 0) || !Double.isFinite(tol)) {
            throw ParamException.invalid("tol", tol, "a finite number > 0");
        }
    }

    public static PccaLearner from(Params p) {
        return new PccaLearner(p.getInt("dims", 0), p.getDouble("beta", 3.0), p.getDouble("regularization", 1e-4),
                p.getInt("max_iter", 1000), p.getDouble("tol", 1e-5));
    }

    public static Supervised<Pairs, MahalanobisMetric> supervised(Params p) {
        return new Supervised<>(from(p), new RandomPairs(p.getInt("constraints", 0)));
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        pairs.requireIndicesBelow(x.rows());
        if (pairs.size() == 0) {
            throw new IllegalArgumentException("pcca needs at least one pair, got none");
        }
        int d = x.cols();
        int k = dims == 0 ? d : dims;
        if (k > d) {
            throw ParamException.invalid("dims", dims, "an integer from 0 to the number of features, " + d);
        }
        int m = pairs.size();
        double[] v = new RowPairs(pairs.left(), pairs.right()).differences(x).toArray();
        double[] l0 = start(v, m, d, k);
        PccaObjective f = new PccaObjective(v, m, d, k, pairs.similar(), beta, regularization);
        OptimResult r;
        try {
            r = new SmileLbfgs(10, tol, maxIter).minimize(f, l0, "pcca", ctx.progress());
        } catch (ArithmeticException e) {
            throw new FitException("pcca", e.getMessage(), "standardise the features or lower beta", e);
        }
        Matrix l = Matrix.of(k, d, r.x());
        if (!l.isFinite() || l.frobeniusNorm() == 0) {
            throw new FitException("pcca", "the projection collapsed to " + (l.isFinite() ? "zero" : "non-finite values"),
                    "lower regularization or give more dissimilar pairs");
        }
        return new MahalanobisMetric(l);
    }

    /**
     * Top-k eigenvectors of the pair scatter (1/m) Σ v vᵀ as rows, scaled so that the mean of
     * ‖L v_m‖² is 1. With fewer pairs than dimensions (the kernel form) they come from the m × m Gram
     * matrix (1/m) V Vᵀ, which has the same non-zero eigenvalues: axis = Vᵀu / √(mλ). Axes beyond the
     * scatter's rank are left zero.
     */
    static double[] start(double[] v, int m, int d, int k) {
        boolean viaGram = m < d;
        int size = viaGram ? m : d;
        double[] s = new double[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = i; j < size; j++) {
                double acc = 0;
                if (viaGram) {
                    for (int a = 0; a < d; a++) {
                        acc += v[i * d + a] * v[j * d + a];
                    }
                } else {
                    for (int p = 0; p < m; p++) {
                        acc += v[p * d + i] * v[p * d + j];
                    }
                }
                s[i * size + j] = acc / m;
                s[j * size + i] = acc / m;
            }
        }
        EigenPairs e = Eigen.symmetric(Matrix.of(size, size, s));
        double top = Math.max(0, e.value(0));
        double captured = 0;
        double[] l = new double[k * d];
        Matrix vec = e.vectors();
        for (int r = 0; r < Math.min(k, size); r++) {
            double lambda = e.value(r);
            if (!(lambda > 1e-12 * top)) {
                break;
            }
            captured += lambda;
            if (viaGram) {
                double norm = Math.sqrt(m * lambda);
                for (int p = 0; p < m; p++) {
                    double u = vec.get(p, r) / norm;
                    for (int a = 0; a < d; a++) {
                        l[r * d + a] += u * v[p * d + a];
                    }
                }
            } else {
                for (int a = 0; a < d; a++) {
                    l[r * d + a] = vec.get(a, r);
                }
            }
        }
        double scale = captured > 0 ? 1 / Math.sqrt(captured) : 1;
        for (int i = 0; i < l.length; i++) {
            l[i] *= scale;
        }
        return l;
    }
}
