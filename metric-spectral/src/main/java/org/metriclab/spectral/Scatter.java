package org.metriclab.spectral;

import org.metriclab.core.constraint.Constraints;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Centring;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.EigenPairs;
import org.metriclab.core.linalg.EigenTruncation;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.RowPairs;
import org.metriclab.core.resource.MemoryBudget;

/**
 * What the spectral learners share: class (within/between) scatters, the pairs of a constraint set
 * as {@link RowPairs}, the generalized eigenproblem they feed, and the resource and parameter checks.
 */
final class Scatter {
    private Scatter() {
    }

    /**
     * Refuses up front, with a way out, a fit on n rows × d features that keeps {@code squares} d × d
     * work matrices and {@code extra} further values: more than {@link Eigen#PRACTICAL_LIMIT} features
     * (a dense eigendecomposition that would run for hours) or more memory than the heap allows.
     */
    static void requireResources(String who, int n, int d, int squares, long extra) {
        String wayOut = "reduce the features first (e.g. preprocessing pca: 100), or set dims where the learner has it";
        if (d > Eigen.PRACTICAL_LIMIT) {
            throw new FitException(who, d + " features need " + d + " × " + d + " dense eigenproblems (limit "
                    + Eigen.PRACTICAL_LIMIT + ")", wayOut);
        }
        long doubles = MemoryBudget.bytes(squares, (long) d * d, 1);
        doubles = Math.min(Long.MAX_VALUE / 2, doubles) + Math.min(Long.MAX_VALUE / 4, 2L * n * d + Math.max(0, extra));
        MemoryBudget.require(MemoryBudget.bytes(doubles, MemoryBudget.DOUBLE), who + " on " + n + " rows × " + d + " features",
                wayOut);
    }

    /**
     * Rejects a non-finite or empty feature matrix and constraints that index outside it, and refuses a
     * problem too large for a dense d × d fit ({@link #requireResources}, six work matrices).
     */
    static void requireUsable(Matrix x, Constraints c, String who) {
        if (x.rows() < 2 || x.cols() < 1) {
            throw new IllegalArgumentException(who + " needs at least 2 rows with at least one feature, got " + x.shape());
        }
        String bad = x.firstNonFinite();
        if (bad != null) {
            throw new IllegalArgumentException(who + ": feature matrix " + x.shape() + " has a non-finite value at " + bad);
        }
        if (c.size() == 0) {
            throw new IllegalArgumentException(who + " needs at least one constraint, got none");
        }
        c.requireIndicesBelow(x.rows());
        requireResources(who, x.rows(), x.cols(), 6, 0);
    }

    /** The pairs whose similar flag is {@code similar}, as row pairs (core.linalg builds their differences and scatter). */
    static RowPairs rowPairs(Pairs pairs, boolean similar) {
        return new RowPairs(pairs.left(), pairs.right()).select(pairs.similar(), similar);
    }

    /** Within-class scatter S_W = Σ_k Σ_{i∈k} (x_i − μ_k)(x_i − μ_k)ᵀ. */
    static Matrix within(Dataset data) {
        Labels y = data.labels();
        Matrix s = Matrix.zeros(data.dim(), data.dim());
        for (int c : y.classes()) {
            s = s.plus(Centring.scatter(data.x().rows(y.indicesOf(c))));
        }
        return s;
    }

    /** Between-class scatter S_B = Σ_k n_k (μ_k − μ)(μ_k − μ)ᵀ. */
    static Matrix between(Dataset data) {
        Labels y = data.labels();
        int d = data.dim();
        double[] x = data.x().toArray();
        int n = data.size();
        double[] mu = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mu[j] += x[i * d + j] / n;
            }
        }
        int[] classes = y.classes();
        double[] rows = new double[classes.length * d];
        for (int c = 0; c < classes.length; c++) {
            int[] idx = y.indicesOf(classes[c]);
            double w = Math.sqrt(idx.length);
            for (int j = 0; j < d; j++) {
                double m = 0;
                for (int i : idx) {
                    m += x[i * d + j];
                }
                rows[c * d + j] = w * (m / idx.length - mu[j]);
            }
        }
        return Matrix.of(classes.length, d, rows).gram();
    }

    /**
     * Solves A v = λ (B + ridge·tr(B)/d·I) v (VᵀB'V = I, λ descending). A zero B is an error naming
     * {@code what}; ridge = 0 with a singular B is core's ArithmeticException.
     */
    static EigenPairs generalized(Matrix a, Matrix b, double ridge, String what) {
        if (!(b.trace() > 0)) {
            throw new IllegalArgumentException(what + " is zero: the constraints or labels give no spread to normalise by "
                    + "(all constrained points coincide?)");
        }
        return Eigen.generalized(a, b, ridge);
    }

    /** Number of eigenvalues above {@code rel}·λ_max: the numerical rank under the core eigenvalue policy. */
    static int rank(double[] values, double rel) {
        return new EigenTruncation(rel).rank(values);
    }

    /** Validates an output dimension: 0 means "automatic" (then {@code auto}), else 1..limit. */
    static int dims(int requested, int auto, int limit, String who, Progress progress) {
        if (requested < 0) {
            throw new IllegalArgumentException(who + ": dims must be >= 0 (0 = automatic), got " + requested);
        }
        if (requested == 0) {
            return Math.max(1, Math.min(auto, limit));
        }
        if (requested > limit) {
            progress.warn(who + ": dims = " + requested + " exceeds the " + limit + " available directions; using " + limit);
            return limit;
        }
        return requested;
    }

    static void requireNonNegativeDims(int dims, String who) {
        if (dims < 0) {
            throw new IllegalArgumentException(who + ": dims must be >= 0 (0 = automatic/full), got " + dims);
        }
    }

    static void requireRidge(double ridge, String who) {
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException(who + ": ridge must be a finite number >= 0, got " + ridge);
        }
    }
}
