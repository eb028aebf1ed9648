package org.metriclab.spectral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.resource.MemoryBudget;

/**
 * LLMA, locally linear metric adaptation (Chang &amp; Yeung, ICML 2004), label-supervised: every row
 * is pulled towards its {@code pairs} nearest same-class rows (the similar pairs S) by a smooth
 * non-linear map that is a translation near each of m RBF centres, y = z + Σ_j φ_j(z) b_j with
 * φ_j(z) = exp(−‖z − c_j‖²/(2σ²)), while the displacement vectors along the k-NN graph of the input
 * keep their values ({@link LlmaProblem}: one linear m × m system per step). Steps repeat from the
 * moved positions (centres move with their rows) until the objective's relative decrease is below
 * {@code tol}; the model stores every step, so new points get the same translations through the same
 * RBF weights ({@link LlmaMetric}). The neighbourhood term here is the quadratic displacement form,
 * which gives each step in closed form.
 *
 * <p>Defaults: sigma 0 (= the median over rows of the distance to the k-th nearest row), lambda 10,
 * pairs 3, k 5, centres 300 (rows drawn at random when n is larger), ridge 1e-3 (relative to the
 * mean diagonal of ΦᵀWΦ), max_iter 10, tol 1e-3.
 */
public record LlmaLearner(double sigma, double lambda, int pairs, int k, int centres, double ridge, int maxIter, double tol)
        implements MetricLearner<LlmaMetric> {
    private static final String WHO = "llma";

    public LlmaLearner {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException(WHO + ": sigma must be a finite number >= 0 (0 = from the k-NN distances), got " + sigma);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException(WHO + ": lambda must be a finite number >= 0, got " + lambda);
        }
        if (pairs < 1 || k < 1) {
            throw new IllegalArgumentException(WHO + ": pairs and k must be >= 1 (neighbours per row), got pairs " + pairs + ", k " + k);
        }
        if (centres < 1) {
            throw new IllegalArgumentException(WHO + ": centres must be >= 1, got " + centres);
        }
        if (!(ridge > 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException(WHO + ": ridge must be a finite number > 0, got " + ridge);
        }
        if (maxIter < 1 || !(tol > 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException(WHO + ": need max_iter >= 1 and a finite tol > 0, got " + maxIter + ", " + tol);
        }
    }

    public static LlmaLearner from(Params p) {
        return new LlmaLearner(p.getDouble("sigma", 0.0), p.getDouble("lambda", 10.0), p.getInt("pairs", 3), p.getInt("k", 5),
                p.getInt("centres", 300), p.getDouble("ridge", 1e-3), p.getInt("max_iter", 10), p.getDouble("tol", 1e-3));
    }

    /** The fitted transform and the positions it gave the training rows. */
    record Fitted(LlmaMetric metric, Matrix positions) {
    }

    @Override
    public LlmaMetric fit(Dataset train, FitContext ctx) {
        return fitted(train, ctx).metric();
    }

    Fitted fitted(Dataset train, FitContext ctx) {
        Matrix x = train.x();
        int n = x.rows();
        int d = x.cols();
        if (n < 2 || d < 1) {
            throw new IllegalArgumentException(WHO + " needs at least 2 rows with at least one feature, got " + x.shape());
        }
        String bad = x.firstNonFinite();
        if (bad != null) {
            throw new IllegalArgumentException(WHO + ": feature matrix " + x.shape() + " has a non-finite value at " + bad);
        }
        int m = Math.min(centres, n);
        MemoryBudget.require(MemoryBudget.bytes(MemoryBudget.bytes(4L * n, m + d, 1) + 3L * m * m, MemoryBudget.DOUBLE),
                WHO + " with " + m + " centres on " + n + " rows", "lower centres");
        int[][] sim = similarPairs(train, pairs);
        if (sim[0].length == 0) {
            throw new IllegalArgumentException(WHO + " needs a class with at least two rows to form similar pairs; "
                    + "every class here has one row");
        }
        int[][] nn = SpectralGraph.neighbours(x, k);
        int[][] edges = undirected(nn);
        double s = sigma > 0 ? sigma : medianKthDistance(x, nn);
        LlmaProblem problem = new LlmaProblem(x, sim[0], sim[1], edges[0], edges[1], lambda);
        int[] centreRows = centreRows(n, m, ctx);
        List<LlmaStep> steps = new ArrayList<>();
        Matrix z = x;
        double before = problem.objective(z);
        boolean converged = false;
        int it = 0;
        while (it < maxIter) {
            Matrix c = z.rows(centreRows);
            Matrix phi = LlmaStep.features(z, c, s);
            Matrix b;
            try {
                b = problem.solve(z, phi, ridge);
            } catch (ArithmeticException e) {
                throw new FitException(WHO, "the step's linear system is not positive definite (" + e.getMessage() + ")",
                        "raise ridge or sigma");
            }
            steps.add(new LlmaStep(c, b));
            z = z.plus(phi.times(b));
            double after = problem.objective(z);
            ctx.progress().iteration(it++, after);
            if (before - after <= tol * Math.max(before, 1e-300)) {
                converged = true;
                break;
            }
            before = after;
        }
        if (!converged) {
            ctx.progress().warn(WHO + ": stopped at max_iter = " + maxIter + " before the objective's relative decrease fell below tol = "
                    + tol + "; raise max_iter or tol");
        }
        ctx.progress().finished(it, problem.objective(z), converged);
        return new Fitted(new LlmaMetric(s, steps), z);
    }

    /** Each row's {@code per} nearest rows of its own class (Euclidean), as undirected pairs listed once. */
    static int[][] similarPairs(Dataset train, int per) {
        Set<Long> seen = new LinkedHashSet<>();
        for (int cls : train.labels().classes()) {
            int[] rows = train.labels().indicesOf(cls);
            if (rows.length < 2) {
                continue;
            }
            int[][] nn = SpectralGraph.neighbours(train.x().rows(rows), per);
            for (int i = 0; i < rows.length; i++) {
                for (int j : nn[i]) {
                    seen.add(key(rows[i], rows[j]));
                }
            }
        }
        return unpack(seen);
    }

    /** The k-NN graph as undirected edges listed once. */
    static int[][] undirected(int[][] nn) {
        Set<Long> seen = new LinkedHashSet<>();
        for (int i = 0; i < nn.length; i++) {
            for (int j : nn[i]) {
                seen.add(key(i, j));
            }
        }
        return unpack(seen);
    }

    private static long key(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    private static int[][] unpack(Set<Long> keys) {
        int[] a = new int[keys.size()];
        int[] b = new int[keys.size()];
        int p = 0;
        for (long key : keys) {
            a[p] = (int) (key >>> 32);
            b[p++] = (int) key;
        }
        return new int[][] {a, b};
    }

    /** The median over rows of the distance to the farthest of its k neighbours; 1 when that is 0. */
    static double medianKthDistance(Matrix x, int[][] nn) {
        double[] dist = new double[nn.length];
        for (int i = 0; i < nn.length; i++) {
            int j = nn[i][nn[i].length - 1];
            double sq = 0;
            for (int t = 0; t < x.cols(); t++) {
                double diff = x.get(i, t) - x.get(j, t);
                sq += diff * diff;
            }
            dist[i] = Math.sqrt(sq);
        }
        Arrays.sort(dist);
        double median = dist[dist.length / 2];
        return median > 0 ? median : 1.0;
    }

    /** All rows when m = n, otherwise m distinct rows drawn with the fit's seed, in ascending order. */
    private static int[] centreRows(int n, int m, FitContext ctx) {
        if (m == n) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        int[] perm = FitContext.permutation(n, ctx.random("llma-centres"));
        int[] out = Arrays.copyOf(perm, m);
        Arrays.sort(out);
        return out;
    }
}
