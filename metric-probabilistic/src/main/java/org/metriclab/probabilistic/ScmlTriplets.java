package org.metriclab.probabilistic;

import org.metriclab.core.constraint.Triplets;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.ParamException;
import org.metriclab.core.linalg.Matrix;

/**
 * Weakly supervised SCML (metric-learn's {@code SCML}): from given triplets (a closer to p than to
 * q), bases from the triplets' differences ({@link ScmlBasis#tripletDifferences}; {@code nBasis} 0 =
 * 80d) and the sparse weights from {@link ScmlDualAveraging}.
 */
public record ScmlTriplets(int nBasis, ScmlDualAveraging solver) implements ConstraintLearner<Triplets, MahalanobisMetric> {
    public ScmlTriplets {
        if (nBasis < 0) {
            throw ParamException.invalid("n_basis", nBasis, "an integer >= 0 (0 = 80 · features)");
        }
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Triplets triplets, FitContext ctx) {
        triplets.requireIndicesBelow(x.rows());
        if (triplets.size() == 0) {
            throw new FitException("scml", "no triplets given", "supply at least as many triplets as features");
        }
        return fitWithRows(x.toRows(), triplets, ctx);
    }

    MahalanobisMetric fitWithRows(double[][] x, Triplets triplets, FitContext ctx) {
        int d = x[0].length;
        int count = nBasis > 0 ? nBasis : 80 * d;
        ScmlBasis b = ScmlBasis.tripletDifferences(x, triplets, count, ctx.random("scml_basis"));
        ScmlDualAveraging.Result r = solver.solve(ScmlProblem.of(x, b.rows(), triplets), ctx.random("scml"), "scml",
                ctx.progress());
        return ScmlLearner.weightsToMetric(b, r, d, ctx);
    }
}
