package org.metriclab.probabilistic;

import org.metriclab.core.constraint.Pairs;
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
 * IML, imbalanced metric learning (Gautheron, Habrard, Morvant &amp; Sebban, ECML PKDD 2020): M ⪰ 0
 * minimising a/|S| Σ_S [d²_M − 1]₊ + (1 − a)/|D| Σ_D [1 + margin − d²_M]₊ + λ‖M − I‖²_F
 * ({@link ImlObjective}). Averaging the similar and the dissimilar hinge terms separately keeps the
 * more numerous kind from drowning the other; a rebalances them. Label-supervised, the pairs come
 * from k-NN neighbourhoods ({@link NeighbourPairs}). Solved from M = I by projected (sub)gradient
 * descent with Armijo backtracking, M projected onto the PSD cone by clipping negative eigenvalues;
 * the backtracking keeps the objective non-increasing. The hinge thresholds are squared distances
 * of 1 and 1 + margin, so features are expected on a unit scale (standardised).
 *
 * <p>Defaults: a 0.5 (in [0, 1]), margin 1, lambda 0.01, k 3, max_iter 1000, tol 1e-6, step 1.
 */
public record ImlLearner(double a, double margin, double lambda, int maxIter, double tol, double step)
        implements ConstraintLearner<Pairs, MahalanobisMetric> {
    private static final String WHO = "iml";

    public ImlLearner {
        if (!(a >= 0 && a <= 1)) {
            throw new IllegalArgumentException(WHO + ": a must be in [0, 1] (weight of the similar-pair term), got " + a);
        }
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException(WHO + ": margin must be a finite number >= 0, got " + margin);
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException(WHO + ": lambda must be a finite number > 0 (weight of ‖M − I‖²), got " + lambda);
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException(WHO + ": max_iter must be >= 1, got " + maxIter);
        }
        if (!(tol > 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException(WHO + ": tol must be a finite number > 0, got " + tol);
        }
        if (!(step > 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException(WHO + ": step must be a finite number > 0, got " + step);
        }
    }

    public static ImlLearner from(Params p) {
        return new ImlLearner(p.getDouble("a", 0.5), p.getDouble("margin", 1.0), p.getDouble("lambda", 0.01),
                p.getInt("max_iter", 1000), p.getDouble("tol", 1e-6), p.getDouble("step", 1.0));
    }

    public static Supervised<Pairs, MahalanobisMetric> supervised(Params p) {
        return new Supervised<>(from(p), new NeighbourPairs(p.getInt("k", 3)));
    }

    /** The objective on these pairs, for the reference tests. */
    ImlObjective objective(Matrix x, Pairs pairs) {
        double[] v = new RowPairs(pairs.left(), pairs.right()).differences(x).toArray();
        return new ImlObjective(v, pairs.size(), x.cols(), pairs.similar(), a, margin, lambda);
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        pairs.requireIndicesBelow(x.rows());
        int similar = pairs.similarCount();
        if (similar == 0 || similar == pairs.size()) {
            throw new IllegalArgumentException(WHO + " needs similar and dissimilar pairs, got " + similar + " similar of "
                    + pairs.size());
        }
        int d = x.cols();
        OptimResult r = new ProjectedGradient(maxIter, tol, step).minimize(objective(x, pairs), Matrix.identity(d).toArray(),
                z -> Psd.project(Matrix.of(d, d, z).symmetrize()).toArray(), WHO, ctx.progress());
        return MahalanobisMetric.fromPsd(Matrix.of(d, d, r.x()));
    }
}
