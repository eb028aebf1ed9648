package org.metriclab.core.distance;

import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Psd;

/**
 * The generalized Mahalanobis distance d(a, b) = ‖L(a − b)‖ = √((a−b)ᵀ M (a−b)) with M = LᵀL ⪰ 0.
 * Stores L (k × d, k ≤ d for a low-rank metric), as metric-learn does.
 */
public record MahalanobisMetric(Matrix l) implements LearnedMetric {
    public MahalanobisMetric {
        String bad = l.firstNonFinite();
        if (bad != null) {
            throw new IllegalArgumentException("transformation L " + l.shape() + " has a non-finite entry at " + bad);
        }
        if (l.rows() == 0 || l.cols() == 0) {
            throw new IllegalArgumentException("transformation L must be non-empty, got " + l.shape());
        }
    }

    public static MahalanobisMetric identity(int dim) {
        return new MahalanobisMetric(Matrix.identity(dim));
    }

    /** The metric of a PSD matrix M (round-off negative eigenvalues clipped; real ones rejected). */
    public static MahalanobisMetric fromPsd(Matrix m) {
        return new MahalanobisMetric(Psd.factor(m));
    }

    /** M = LᵀL. */
    public Matrix m() {
        return l.gram();
    }

    @Override
    public int inputDim() {
        return l.cols();
    }

    @Override
    public int outputDim() {
        return l.rows();
    }

    @Override
    public double[] embed(double[] x) {
        requireInputDim(x.length);
        return l.times(x);
    }

    @Override
    public Matrix embed(Matrix x) {
        requireInputDim(x.cols());
        return x.times(l.transpose());
    }
}
