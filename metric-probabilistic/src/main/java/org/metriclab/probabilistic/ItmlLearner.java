package org.metriclab.probabilistic;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.metriclab.core.baseline.CovarianceLearner;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Supervised;
import org.metriclab.core.linalg.Cholesky;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.Inverse;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.linalg.Vectors;
import org.metriclab.core.stochastic.Solver;

/**
 * Information-theoretic metric learning (Davis, Kulis, Jain, Sra &amp; Dhillon, ICML 2007):
 * min D_ld(A, A₀) + γ·D_ld(diag ξ, diag ξ₀) subject to d_A(i,j) ≤ ξ for similar and ≥ ξ for dissimilar
 * pairs, by cyclic Bregman projections (one rank-one update A ← A + β·Av·vᵀA per active constraint),
 * exactly in metric-learn 0.7.0's form: similar pairs are visited first, then dissimilar ones; a sweep
 * ends with conv = Σ|λ − λ_old| / (‖λ‖ + ‖λ_old‖), and the run stops when conv &lt; tol.
 *
 * <p>Bounds: similar pairs are pulled to squared distance ≤ u ({@code similar_bound}), dissimilar ones
 * pushed to ≥ l ({@code dissimilar_bound}). When both are 0 they are the 5th and 95th percentiles (numpy's linear
 * interpolation) of the unsquared Euclidean distances among the distinct rows used by the pairs, over
 * the full square distance matrix (zero diagonal included) — metric-learn's choice, and like
 * metric-learn these bounds are compared with squared Mahalanobis distances. Pairs of identical
 * points carry no constraint and are dropped. Objective reported per sweep: D_ld(A, A₀).
 *
 * <p>Defaults: gamma 1.0, max_iter 1000, tol 1e-3, prior identity (or covariance: inverse sample
 * covariance), similar_bound 0 / dissimilar_bound 0 (percentiles), constraints 0 (= 20·classes² pairs of each kind
 * when supervised).
 */
public record ItmlLearner(double gamma, int maxIter, double tol, Prior prior, double similarBound, double dissimilarBound)
        implements ConstraintLearner<Pairs, MahalanobisMetric> {
    /** A₀: the identity, or the inverse sample covariance of the rows. */
    public enum Prior { IDENTITY, COVARIANCE }

    private static final int MAX_BOUND_POINTS = 4000;
    /** Smallest ratio of the covariance prior's extreme eigenvalues. */
    private static final double PRIOR_CONDITION = 1e-12;

    public ItmlLearner {
        if (!(gamma > 0) || maxIter < 1 || !(tol > 0) || !(similarBound >= 0) || !(dissimilarBound >= 0)
                || (similarBound > 0 && dissimilarBound > 0 && similarBound >= dissimilarBound)
                || ((similarBound > 0) != (dissimilarBound > 0))) {
            throw new IllegalArgumentException("itml: need gamma > 0, max_iter >= 1, tol > 0, and either both bounds 0 "
                    + "(percentiles) or 0 < similar_bound < dissimilar_bound; got gamma=" + gamma + ", max_iter=" + maxIter
                    + ", tol=" + tol + ", similar_bound=" + similarBound + ", dissimilar_bound=" + dissimilarBound);
        }
    }

    public static ItmlLearner from(Params p) {
        return new ItmlLearner(p.getDouble("gamma", 1.0), p.getInt("max_iter", 1000), p.getDouble("tol", 1e-3),
                p.getEnum("prior", Prior.IDENTITY), p.getDouble("similar_bound", 0.0),
                p.getDouble("dissimilar_bound", 0.0));
    }

    /**
     * The label-supervised learner for {@code solver}: {@code exact} (default), the cyclic projections over a
     * fixed random pair set ({@link #supervised}), or {@code minibatch}, streamed constraint batches
     * ({@link ItmlStreamedLearner}).
     */
    public static MetricLearner<MahalanobisMetric> fromLabels(Params p) {
        Solver solver = p.getEnum("solver", Solver.EXACT);
        if (solver == Solver.APPROXIMATE_KNN) {
            throw new IllegalArgumentException("itml: solver must be exact or minibatch (streamed constraint batches), got approximate_knn");
        }
        return solver == Solver.EXACT ? supervised(p) : ItmlStreamedLearner.from(p);
    }

    /** The label-supervised learner: {@code constraints} random pairs of each kind (0 = 20·classes²). */
    public static Supervised<Pairs, MahalanobisMetric> supervised(Params p) {
        return new Supervised<>(from(p), new RandomPairs(p.getInt("constraints", 0)));
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Pairs pairs, FitContext ctx) {
        pairs.requireIndicesBelow(x.rows());
        if (constraintOrder(pairs, x.toArray(), x.cols()).length == 0) {
            throw new IllegalArgumentException("itml needs at least one pair of distinct points, got " + pairs);
        }
        double[] bounds = similarBound > 0 ? new double[] {similarBound, dissimilarBound}
                : percentileBounds(x.toArray(), x.cols(), pairs, ctx);
        if (!(bounds[0] > 0)) {
            // the zero diagonal fills the 5th percentile when the pairs use fewer than about 20 distinct rows;
            // a similar bound of 0 asks for a singular metric
            throw new FitException("itml", "the similar bound (5th percentile of the distances among the pairs' distinct "
                    + "rows) is 0", "set similar_bound and dissimilar_bound, or use more distinct rows");
        }
        double[] perPair = new double[pairs.size()];
        for (int k = 0; k < perPair.length; k++) {
            perPair[k] = pairs.isSimilar(k) ? bounds[0] : bounds[1];
        }
        return fitWithBounds(x, pairs, perPair, ctx);
    }

    /**
     * The Bregman projections with a bound of its own for each pair ({@code bounds[k]}: the upper bound on the
     * squared distance of pair k when similar, the lower bound when dissimilar; all > 0). {@link #fit} uses one
     * bound per kind; learners that derive per-pair bounds (privileged information) call this directly.
     */
    MahalanobisMetric fitWithBounds(Matrix x, Pairs pairs, double[] bounds, FitContext ctx) {
        pairs.requireIndicesBelow(x.rows());
        if (bounds.length != pairs.size()) {
            throw new IllegalArgumentException("itml: " + bounds.length + " bounds for " + pairs.size() + " pairs");
        }
        int d = x.cols();
        double[] xs = x.toArray();
        int[] order = constraintOrder(pairs, xs, d);
        if (order.length == 0) {
            throw new IllegalArgumentException("itml needs at least one pair of distinct points, got " + pairs);
        }
        int m = order.length;
        double[] v = new double[m * d];
        boolean[] similar = new boolean[m];
        double[] bhat = new double[m];
        for (int c = 0; c < m; c++) {
            int k = order[c];
            similar[c] = pairs.isSimilar(k);
            bhat[c] = bounds[k];
            if (!(bhat[c] > 0) || Double.isInfinite(bhat[c])) {
                throw new IllegalArgumentException("itml: the bound of pair " + k + " must be finite and > 0, got " + bhat[c]);
            }
            for (int j = 0; j < d; j++) {
                v[c * d + j] = xs[pairs.left(k) * d + j] - xs[pairs.right(k) * d + j];
            }
        }
        Matrix a0 = priorMatrix(x);
        double[] a = a0.toArray();
        double[] lambda = new double[m];
        double[] lambdaOld = new double[m];
        double gammaProj = Double.isInfinite(gamma) ? 1.0 : gamma / (gamma + 1.0);
        double[] av = new double[d];
        double[] a0InverseFlat = Inverse.of(a0).symmetrize().toArray();
        double logDetA0 = logDet(a0);
        int it = 0;
        boolean converged = false;
        double objective = 0;
        while (it < maxIter && !converged) {
            it++;
            for (int c = 0; c < m; c++) {
                int o = c * d;
                // A·v first: the quadratic form is then v·(Av) (metric-learn's v.dot(A).dot(v) order), and an active
                // constraint (most of them on digits) reuses Av for its rank-one update
                times(a, v, o, d, av);
                double wtw = 0;
                for (int k = 0; k < d; k++) {
                    wtw += v[o + k] * av[k];
                }
                double alpha = similar[c]
                        ? Math.min(lambda[c], gammaProj * (1.0 / wtw - 1.0 / bhat[c]))
                        : Math.min(lambda[c], gammaProj * (1.0 / bhat[c] - 1.0 / wtw));
                if (alpha == 0.0) {
                    continue;
                }
                lambda[c] -= alpha;
                double beta;
                if (similar[c]) {
                    beta = alpha / (1 - alpha * wtw);
                    bhat[c] = 1.0 / (1.0 / bhat[c] + alpha / gamma);
                } else {
                    beta = -alpha / (1 + alpha * wtw);
                    bhat[c] = 1.0 / (1.0 / bhat[c] - alpha / gamma);
                }
                // rank-one update A += β·(Av)(Av)ᵀ, along contiguous rows (vectorised)
                for (int r = 0; r < d; r++) {
                    double br = beta * av[r];
                    int ar = r * d;
                    for (int k = 0; k < d; k++) {
                        a[ar + k] += br * av[k];
                    }
                }
            }
            double normSum = norm(lambda) + norm(lambdaOld);
            double diff = 0;
            for (int c = 0; c < m; c++) {
                diff += Math.abs(lambdaOld[c] - lambda[c]);
            }
            converged = normSum == 0 || diff / normSum < tol;
            System.arraycopy(lambda, 0, lambdaOld, 0, m);
            objective = logDetDivergence(a, a0InverseFlat, logDetA0, d);
            if (!Double.isFinite(objective)) {
                throw new FitException("itml", "the metric lost positive definiteness at sweep " + it,
                        "standardise the features, or lower gamma");
            }
            ctx.progress().iteration(it, objective);
        }
        if (!converged) {
            ctx.progress().warn("itml: stopped at max_iter=" + maxIter + " sweeps without converging (objective "
                    + objective + ")");
        }
        ctx.progress().finished(it, objective, converged);
        return MahalanobisMetric.fromPsd(Matrix.of(d, d, a).symmetrize());
    }

    /** Indices of the usable pairs (distinct points), similar ones first, in their given order. */
    private static int[] constraintOrder(Pairs pairs, double[] x, int d) {
        return IntStream.concat(
                IntStream.range(0, pairs.size()).filter(k -> pairs.isSimilar(k)),
                IntStream.range(0, pairs.size()).filter(k -> !pairs.isSimilar(k)))
                .filter(k -> !Arrays.equals(x, pairs.left(k) * d, pairs.left(k) * d + d, x, pairs.right(k) * d,
                        pairs.right(k) * d + d))
                .toArray();
    }

    private Matrix priorMatrix(Matrix x) {
        int d = x.cols();
        if (prior == Prior.IDENTITY) {
            return Matrix.identity(d);
        }
        if (x.rows() < 2) {
            throw new IllegalArgumentException("itml: prior=covariance needs at least 2 rows, got " + x.rows());
        }
        Matrix cov = CovarianceLearner.covariance(x);
        double[] ev = Eigen.symmetric(cov).values();
        // the prior and its inverse both enter the updates: refuse a covariance that LU cannot invert reliably
        if (!(ev[ev.length - 1] > PRIOR_CONDITION * ev[0])) {
            throw new FitException("itml", "prior=covariance needs a well-conditioned sample covariance (eigenvalues "
                    + ev[ev.length - 1] + " to " + ev[0] + "; more rows than features, no constant or collinear features)",
                    "use prior=identity or standardise the features");
        }
        return Inverse.of(cov).symmetrize();
    }

    /** 5th and 95th percentiles of the full distance matrix among the distinct rows (by value) used by the pairs. */
    static double[] percentileBounds(double[] x, int d, Pairs pairs, FitContext ctx) {
        Set<Integer> rows = new LinkedHashSet<>();
        for (int k = 0; k < pairs.size(); k++) {
            rows.add(pairs.left(k));
            rows.add(pairs.right(k));
        }
        // distinct by value, as metric-learn's np.unique(..., axis=0): duplicated rows add no zero distances
        Set<List<Double>> seen = new HashSet<>();
        int[] u = rows.stream().mapToInt(Integer::intValue).sorted()
                .filter(i -> seen.add(Arrays.stream(x, i * d, (i + 1) * d).boxed().toList())).toArray();
        if (u.length > MAX_BOUND_POINTS) {
            int[] perm = FitContext.permutation(u.length, ctx.random("bounds"));
            int[] s = new int[MAX_BOUND_POINTS];
            for (int k = 0; k < s.length; k++) {
                s[k] = u[perm[k]];
            }
            u = s;
        }
        int n = u.length;
        int[] pts = u;
        double[][] parts = new double[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] r = new double[n - i - 1];
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double t = x[pts[i] * d + k] - x[pts[j] * d + k];
                    s += t * t;
                }
                r[j - i - 1] = Math.sqrt(s);
            }
            parts[i] = r;
        });
        double[] condensed = new double[n * (n - 1) / 2];
        int pos = 0;
        for (double[] r : parts) {
            System.arraycopy(r, 0, condensed, pos, r.length);
            pos += r.length;
        }
        Arrays.parallelSort(condensed);
        return new double[] {fullMatrixPercentile(condensed, n, 5), fullMatrixPercentile(condensed, n, 95)};
    }

    /** numpy.percentile (linear) of the n×n distance matrix: n zeros plus each sorted off-diagonal value twice. */
    static double fullMatrixPercentile(double[] sortedCondensed, int n, double q) {
        long total = (long) n * n;
        double position = q / 100.0 * (total - 1);
        long lo = (long) Math.floor(position);
        double frac = position - lo;
        double a = fullMatrixValue(sortedCondensed, n, lo);
        double b = fullMatrixValue(sortedCondensed, n, Math.min(lo + 1, total - 1));
        return a + frac * (b - a);
    }

    private static double fullMatrixValue(double[] sortedCondensed, int n, long index) {
        return index < n ? 0.0 : sortedCondensed[(int) ((index - n) / 2)];
    }

    /**
     * out = A·v[o..o+d) for the d×d matrix a: four rows per pass with two accumulators each, so eight
     * independent multiply-add chains share each load of v.
     */
    static void times(double[] a, double[] v, int o, int d, double[] out) {
        int r = 0;
        for (; r + 3 < d; r += 4) {
            int a0 = r * d;
            int a1 = a0 + d;
            int a2 = a1 + d;
            int a3 = a2 + d;
            double t0 = 0, t1 = 0, t2 = 0, t3 = 0, u0 = 0, u1 = 0, u2 = 0, u3 = 0;
            int k = 0;
            for (; k + 1 < d; k += 2) {
                double x = v[o + k];
                double y = v[o + k + 1];
                t0 += a[a0 + k] * x;
                u0 += a[a0 + k + 1] * y;
                t1 += a[a1 + k] * x;
                u1 += a[a1 + k + 1] * y;
                t2 += a[a2 + k] * x;
                u2 += a[a2 + k + 1] * y;
                t3 += a[a3 + k] * x;
                u3 += a[a3 + k + 1] * y;
            }
            for (; k < d; k++) {
                double x = v[o + k];
                t0 += a[a0 + k] * x;
                t1 += a[a1 + k] * x;
                t2 += a[a2 + k] * x;
                t3 += a[a3 + k] * x;
            }
            out[r] = t0 + u0;
            out[r + 1] = t1 + u1;
            out[r + 2] = t2 + u2;
            out[r + 3] = t3 + u3;
        }
        for (; r < d; r++) {
            out[r] = Vectors.dot(a, r * d, v, o, d);
        }
    }

    /**
     * D_ld(A, A₀) = tr(A A₀⁻¹) − log det A + log det A₀ − d on flat arrays (A₀⁻¹ symmetric, so the trace is
     * Σ_ij A_ij (A₀⁻¹)_ij), log det A from an in-place Cholesky; NaN when A is not positive definite.
     */
    static double logDetDivergence(double[] a, double[] a0Inverse, double logDetA0, int d) {
        double trace = 0;
        for (int k = 0; k < d * d; k++) {
            trace += a[k] * a0Inverse[k];
        }
        double[] l = new double[d * d];
        double logDet = 0;
        for (int j = 0; j < d; j++) {
            double diag = a[j * d + j] - Vectors.dot(l, j * d, l, j * d, j);
            if (!(diag > 0)) {
                return Double.NaN;
            }
            double ljj = Math.sqrt(diag);
            l[j * d + j] = ljj;
            logDet += 2 * Math.log(ljj);
            for (int i = j + 1; i < d; i++) {
                l[i * d + j] = (0.5 * (a[i * d + j] + a[j * d + i]) - Vectors.dot(l, i * d, l, j * d, j)) / ljj;
            }
        }
        return trace - logDet + logDetA0 - d;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double t : v) {
            s += t * t;
        }
        return Math.sqrt(s);
    }

    private static double logDet(Matrix a) {
        double s = 0;
        for (double pivot : Cholesky.factor(a).map(Cholesky.Factor::pivots).orElse(new double[] {Double.NaN})) {
            s += Math.log(pivot);
        }
        return 2 * s;
    }
}
