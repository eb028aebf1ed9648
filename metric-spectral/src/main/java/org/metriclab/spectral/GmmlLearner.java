package org.metriclab.spectral;

import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;

/**
 * GMML, Geometric Mean Metric Learning (Zadeh, Hosseini &amp; Sra, ICML 2016), closed form with the
 * identity prior: S = Σ_S + reg·I, D = Σ_D + reg·I (unnormalised pair scatters) and
 * A = S⁻¹ #_t D = S^{-1/2}(S^{1/2} D S^{1/2})^t S^{-1/2} through core's {@code Psd.geometricMean};
 * for t = ½ it is the unique SPD solution of the Riccati equation A S A = D. Full rank (no dims).
 * Defaults: t 0.5 (in [0, 1]), reg 1e-6 (relative to the mean diagonal of Σ_S + Σ_D, never below 1e-12).
 */
public record GmmlLearner(double t, double reg) implements ConstraintLearner<Pairs, MahalanobisMetric> {
    private static final String WHO = "gmml";

    public GmmlLearner {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException(WHO + ": t must be in [0, 1], got " + t);
        }
        if (!(reg > 0) || Double.isInfinite(reg)) {
            throw new IllegalArgumentException(WHO + ": reg must be a finite number > 0, got " + reg);
        }
    }

    public static GmmlLearner from(Params p) {
        return new GmmlLearner(p.getDouble("t", 0.5), p.getDouble("reg", 1e-6));
    }

    /** The regularised similar (index 0) and dissimilar (index 1) scatters. */
    Matrix[] scatters(Matrix x, Pairs pairs) {
        Matrix s = Scatter.pairScatter(x, pairs.left(), pairs.right(), pairs.similar(), true);
        Matrix d = Scatter.pairScatter(x, pairs.left(), pairs.right(), pairs.similar(), false);
        double scale = Math.max((s.trace() + d.trace()) / (2.0 * x.cols()), 1e-12);
        return new Matrix[] {s.plusIdentity(reg * scale), d.plusIdentity(reg * scale)};
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        Scatter.requireUsable(x, pairs, WHO);
        MarginSpectralLearner.requireBothKinds(pairs, WHO);
        Matrix[] sd = scatters(x, pairs);
        return MahalanobisMetric.fromPsd(Psd.geometricMean(Psd.inverse(sd[0]), sd[1], t));
    }
}
