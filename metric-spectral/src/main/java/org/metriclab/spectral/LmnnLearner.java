package org.metriclab.spectral;

import java.util.Arrays;
import java.util.function.Function;
import org.metriclab.core.constraint.TargetNeighbors;
import org.metriclab.core.constraint.Triplets;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.RowSource;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.ConstraintLearner;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.linalg.Centring;
import org.metriclab.core.linalg.Eigen;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.stochastic.Solver;
import org.metriclab.core.stochastic.StochasticOptions;
import org.metriclab.spectral.stochastic.StochasticLmnn;

/**
 * LMNN, Large Margin Nearest Neighbour (Weinberger &amp; Saul, JMLR 2009), solved as metric-learn 0.7:
 * gradient descent on L (no PSD projection needed, M = LᵀL), target neighbours = the k nearest
 * same-class points in the input space, learning rate ×1.01 after an accepted step and halved (step
 * retried) when the objective would rise; stop after max_iter, or once |Δobjective| &lt; convergence_tol
 * after min_iter iterations and a fresh all-pairs impostor search confirms the active set. Impostors are
 * tracked by {@link LmnnObjective}'s candidate set, recomputed from all pairs after {@code refresh}
 * accepted steps; when a recomputation finds the active set unchanged the period doubles (up to
 * 8·refresh), when it changed the period resets, and it is skipped while L provably cannot have
 * acquired a new impostor.
 * Pull weight = regularization, push weight = 1 − regularization (metric-learn's convention).
 * Defaults (metric-learn): k 3, regularization 0.5, learn_rate 1e-7, max_iter 1000, min_iter 50,
 * convergence_tol 1e-3; dims 0 = d with L₀ = I (else the top-dims principal directions); refresh 10,
 * slack 1.5 (candidate radius factor).
 *
 * <p>As a {@link ConstraintLearner} it fits explicit triplets (a, p, n) instead of labels: the same
 * objective over the given triplets ({@link LmnnTriplets}; pull over the distinct (a, p) pairs), the same
 * step control and stopping rule, no neighbour or impostor search (k, refresh and slack are unused).
 * Registered label-supervised as {@code lmnn_triplets} with core's {@code KnnTriplets} sampler.
 *
 * <p>{@code solver}: {@code exact} (default, the above) or the scalable {@link StochasticLmnn}
 * ({@code minibatch}: impostors among a sampled reference set; {@code approximate_knn}: the
 * {@code impostors} [10] nearest other-class rows, refreshed every {@code refresh_every} epochs), with
 * {@code batch_size} [64], {@code learning_rate} [0.01] and {@code max_iter} counting epochs
 * ({@link StochasticOptions}).
 */
public record LmnnLearner(int k, int dims, double regularization, double learnRate, int maxIter, int minIter,
        double convergenceTol, int refresh, double slack, Solver solver, StochasticOptions stochastic)
        implements MetricLearner<MahalanobisMetric>, ConstraintLearner<Triplets, MahalanobisMetric> {
    private static final String WHO = "lmnn";
    private static final int MAX_PERIOD = 8;

    public LmnnLearner(int k, int dims, double regularization, double learnRate, int maxIter, int minIter,
                       double convergenceTol, int refresh, double slack) {
        this(k, dims, regularization, learnRate, maxIter, minIter, convergenceTol, refresh, slack, Solver.EXACT, null);
    }

    public LmnnLearner {
        if (solver == null) {
            solver = Solver.EXACT;
        }
        if (stochastic == null) {
            stochastic = StochasticOptions.defaults(StochasticOptions.Mode.MINIBATCH, 64, 0.01, maxIter, convergenceTol);
        }
        if (k < 1 || k > 30) {
            throw new IllegalArgumentException(WHO + ": k must be in 1..30 target neighbours, got " + k);
        }
        Scatter.requireNonNegativeDims(dims, WHO);
        if (!(regularization >= 0 && regularization <= 1)) {
            throw new IllegalArgumentException(WHO + ": regularization must be in [0, 1], got " + regularization);
        }
        if (!(learnRate > 0) || !(convergenceTol >= 0) || maxIter < 1 || minIter < 0 || refresh < 1 || !(slack >= 1)) {
            throw new IllegalArgumentException(WHO + ": need learn_rate > 0, convergence_tol >= 0, max_iter >= 1, min_iter >= 0, "
                    + "refresh >= 1, slack >= 1; got " + learnRate + ", " + convergenceTol + ", " + maxIter + ", " + minIter
                    + ", " + refresh + ", " + slack);
        }
    }

    public static LmnnLearner from(Params p) {
        Solver solver = p.getEnum("solver", Solver.EXACT);
        int maxIter = p.getInt("max_iter", solver == Solver.EXACT ? 1000 : 10);
        double tol = p.getDouble("convergence_tol", solver == Solver.EXACT ? 1e-3 : 0.0);
        StochasticOptions stochastic = solver.mode() == null ? null : StochasticOptions.from(p, solver.mode(),
                p.getInt("batch_size", 64), p.getDouble("learning_rate", 0.01), maxIter, tol, "impostors");
        return new LmnnLearner(p.getInt("k", 3), p.getInt("dims", 0), p.getDouble("regularization", 0.5),
                solver == Solver.EXACT ? p.getDouble("learn_rate", 1e-7) : 1e-7, maxIter,
                solver == Solver.EXACT ? p.getInt("min_iter", 50) : 0, tol, solver == Solver.EXACT ? p.getInt("refresh", 10) : 10,
                solver == Solver.EXACT ? p.getDouble("slack", 1.5) : 1.5, solver, stochastic);
    }

    /** What a gradient step needs from an objective evaluation (label-supervised or explicit-triplet LMNN). */
    interface Evaluated {
        double objective();

        Matrix gradient();
    }

    /** The accepted step: the new L, its evaluation, and the rate that produced it. */
    record Step<E extends Evaluated>(Matrix l, E evaluation, double rate) {
    }

    /**
     * metric-learn's LMNN step rule: L − rate·∇, halving the rate until the objective does not increase
     * (or the rate underflows 1e-30, which the caller treats as convergence).
     */
    static <E extends Evaluated> Step<E> descend(Matrix l, E current, double rate, Function<Matrix, E> evaluate) {
        while (true) {
            Matrix next = l.minus(current.gradient().scale(rate));
            E trial = evaluate.apply(next);
            if (trial.objective() <= current.objective() || rate < 1e-30) {
                return new Step<>(next, trial, rate);
            }
            rate /= 2;
        }
    }

    /** The initial L: identity, or the top-dims principal directions as rows. */
    static Matrix initial(Matrix x, int p) {
        if (p == x.cols()) {
            return Matrix.identity(p);
        }
        return Eigen.symmetric(Centring.scatter(x)).top(p).vectors().transpose();
    }

    @Override
    public MahalanobisMetric fit(Dataset train, FitContext ctx) {
        train.requireAtLeastTwoClasses(WHO);
        if (solver != Solver.EXACT) {
            int p = Scatter.dims(dims, train.dim(), train.dim(), WHO, ctx.progress());
            int[] classes = Arrays.stream(train.labels().toArray()).map(train.labels()::classIndex).toArray();
            double[] l = new StochasticLmnn(stochastic.withMode(solver.mode())).fit(RowSource.of(train.x()), classes, k,
                    regularization, initial(train.x(), p).toArray(), p, ctx);
            return new MahalanobisMetric(Matrix.of(p, train.dim(), l));
        }
        Scatter.requireResources(WHO, train.size(), train.dim(), 6, 0);
        int[][] targets = TargetNeighbors.of(train.x(), train.labels(), k);
        int p = Scatter.dims(dims, train.dim(), train.dim(), WHO, ctx.progress());
        LmnnObjective f = new LmnnObjective(train.x(), train.labels().toArray(), targets, regularization, slack);
        Matrix l = initial(train.x(), p);
        f.refresh(l);
        LmnnObjective.Evaluation current = f.evaluate(l);
        f.accept(current);
        double rate = learnRate;
        boolean converged = false;
        int it = 1;
        int sinceRefresh = 0;
        int period = refresh;
        for (; it < maxIter; it++) {
            Step<LmnnObjective.Evaluation> step = descend(l, current, rate, f::evaluate);
            double delta = step.evaluation().objective() - current.objective();
            l = step.l();
            current = step.evaluation();
            f.accept(current);
            rate = step.rate() * 1.01;
            ctx.progress().iteration(it, current.objective());
            if (f.needsRefresh(l, ++sinceRefresh, period)) {
                f.refresh(l);
                LmnnObjective.Evaluation fresh = f.evaluate(l);
                period = fresh.active() == current.active() ? Math.min(2 * period, MAX_PERIOD * refresh) : refresh;
                current = fresh;
                f.accept(current);
                sinceRefresh = 0;
            }
            if ((it > minIter && Math.abs(delta) < convergenceTol) || rate < 1e-30) {
                f.refresh(l);
                LmnnObjective.Evaluation check = f.evaluate(l);
                sinceRefresh = 0;
                boolean stable = check.active() == current.active()
                        && Math.abs(check.objective() - current.objective()) <= Math.max(convergenceTol, 1e-12);
                current = check;
                f.accept(current);
                if (stable || rate < 1e-30) {
                    converged = true;
                    break;
                }
            }
        }
        return finish(ctx, it, current.objective(), converged, l);
    }

    @Override
    public MahalanobisMetric fit(Matrix x, Triplets triplets, FitContext ctx) {
        Scatter.requireUsable(x, triplets, WHO);
        int p = Scatter.dims(dims, x.cols(), x.cols(), WHO, ctx.progress());
        LmnnTriplets f = new LmnnTriplets(x, triplets, regularization);
        Matrix l = initial(x, p);
        LmnnTriplets.Evaluation current = f.evaluate(l);
        double rate = learnRate;
        boolean converged = false;
        int it = 1;
        for (; it < maxIter; it++) {
            Step<LmnnTriplets.Evaluation> step = descend(l, current, rate, f::evaluate);
            double delta = step.evaluation().objective() - current.objective();
            l = step.l();
            current = step.evaluation();
            rate = step.rate() * 1.01;
            ctx.progress().iteration(it, current.objective());
            if ((it > minIter && Math.abs(delta) < convergenceTol) || rate < 1e-30) {
                converged = true;
                break;
            }
        }
        return finish(ctx, it, current.objective(), converged, l);
    }

    /** Reports the end of the descent (a warning when it hit max_iter) and wraps L. */
    private MahalanobisMetric finish(FitContext ctx, int iterations, double objective, boolean converged, Matrix l) {
        ctx.progress().finished(iterations, objective, converged);
        if (!converged) {
            ctx.progress().warn(WHO + ": stopped at max_iter = " + maxIter + " (objective " + objective + ")");
        }
        return new MahalanobisMetric(l);
    }
}
