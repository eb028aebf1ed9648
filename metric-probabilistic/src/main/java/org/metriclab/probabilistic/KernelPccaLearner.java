package org.metriclab.probabilistic;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.ParamException;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Supervised;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.resource.MemoryBudget;
import org.metriclab.probabilistic.optim.OptimResult;
import org.metriclab.probabilistic.optim.SmileLbfgs;

/**
 * Kernel PCCA (Mignon & Jurie 2012, the kernelised form): by the representer argument the projection
 * is L = A Φᵀ over the rows that occur in the pairs, so the distance of a pair is ‖A(k_i − k_j)‖² with
 * k_i the RBF kernel column of row i, and the linear PCCA objective ({@link PccaObjective}) is
 * minimised over the k × n coefficients A (the ridge λ applies to ‖A‖²_F). Same start and solver as
 * {@link PccaLearner}. The bandwidth σ defaults to the median distance between those rows.
 *
 * <p>Defaults: dims 0 (= the number of input features, at most the number of rows), sigma 0 (median
 * heuristic), beta 3.0, regularization 1e-4, max_iter 1000, tol 1e-5, constraints 0 (= 20·classes²
 * pairs of each kind when supervised).
 */
public record KernelPccaLearner(int dims, double sigma, double beta, double regularization, int maxIter, double tol)
        implements ConstraintLearner<Pairs, KernelPccaMetric> {
    public KernelPccaLearner {
        // the shared parameters are validated (and named in errors) by the linear form
        new PccaLearner(dims, beta, regularization, maxIter, tol);
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw ParamException.invalid("sigma", sigma, "a finite number >= 0 (0 = median distance)");
        }
    }

    public static KernelPccaLearner from(Params p) {
        return new KernelPccaLearner(p.getInt("dims", 0), p.getDouble("sigma", 0.0), p.getDouble("beta", 3.0),
                p.getDouble("regularization", 1e-4), p.getInt("max_iter", 1000), p.getDouble("tol", 1e-5));
    }

    public static Supervised<Pairs, KernelPccaMetric> supervised(Params p) {
        return new Supervised<>(from(p), new RandomPairs(p.getInt("constraints", 0)));
    }

    @Override
    public KernelPccaMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        pairs.requireIndicesBelow(x.rows());
        if (pairs.size() == 0) {
            throw new IllegalArgumentException("kernel_pcca needs at least one pair, got none");
        }
        int[] rows = IntStream.concat(Arrays.stream(pairs.left()), Arrays.stream(pairs.right()))
                .distinct().sorted().toArray();
        int n = rows.length;
        int m = pairs.size();
        MemoryBudget.require(MemoryBudget.bytes((long) n * n + (long) m * n, MemoryBudget.DOUBLE), "kernel_pcca's kernel matrix and pair features",
                "use fewer constraints (pairs)");
        Matrix refs = x.rows(rows);
        double[][] r = refs.toRows();
        double s = sigma > 0 ? sigma : medianDistance(r);
        if (!(s > 0)) {
            throw new FitException("kernel_pcca", "all paired rows coincide, so the median-distance bandwidth is 0",
                    "set sigma > 0 or check for duplicate rows");
        }
        KernelPccaMetric kernel = new KernelPccaMetric(refs, s, Matrix.zeros(1, n));
        double[][] k = new double[n][];
        for (int i = 0; i < n; i++) {
            k[i] = kernel.kernelVector(r[i]);
        }
        int[] position = new int[x.rows()];
        for (int i = 0; i < n; i++) {
            position[rows[i]] = i;
        }
        double[] v = new double[m * n];
        for (int p = 0; p < m; p++) {
            double[] ki = k[position[pairs.left(p)]];
            double[] kj = k[position[pairs.right(p)]];
            for (int j = 0; j < n; j++) {
                v[p * n + j] = ki[j] - kj[j];
            }
        }
        int out = Math.min(dims == 0 ? x.cols() : dims, n);
        PccaObjective f = new PccaObjective(v, m, n, out, pairs.similar(), beta, regularization);
        OptimResult res;
        try {
            res = new SmileLbfgs(10, tol, maxIter).minimize(f, PccaLearner.start(v, m, n, out), "kernel_pcca", ctx.progress());
        } catch (ArithmeticException e) {
            throw new FitException("kernel_pcca", e.getMessage(), "standardise the features or set sigma", e);
        }
        Matrix a = Matrix.of(out, n, res.x());
        if (!a.isFinite() || a.frobeniusNorm() == 0) {
            throw new FitException("kernel_pcca", "the coefficients collapsed to " + (a.isFinite() ? "zero" : "non-finite values"),
                    "lower regularization or give more dissimilar pairs");
        }
        return new KernelPccaMetric(refs, s, a);
    }

    /** Median Euclidean distance over the pairs of distinct rows (the first 500 rows when there are more). */
    static double medianDistance(double[][] r) {
        int n = Math.min(r.length, 500);
        double[] d = new double[n * (n - 1) / 2];
        int t = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[t++] = Math.sqrt(KMeansCentres.squared(r[i], r[j]));
            }
        }
        if (d.length == 0) {
            return 0;
        }
        Arrays.sort(d);
        return d.length % 2 == 1 ? d[d.length / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2;
    }
}
