package org.metriclab.probabilistic;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.metriclab.core.learn.ParamException;
import org.metriclab.core.learn.Progress;

/**
 * Stochastic regularised dual averaging with AdaGrad step sizes for SCML's weights (Shi, Bellet &
 * Sha 2014; the update of metric-learn 0.7.0). Iteration s = 1, 2, … draws {@code batchSize}
 * triplets uniformly with replacement; g = (1/batch) Σ δ_t over the drawn triplets whose hinge is
 * active; the running mean ḡ of g and the AdaGrad norm h = √(Σ g²) (per coordinate) give the closed-form
 * proximal step w = s / (γ (10⁻³ + h)) · max(0, −(ḡ + β)), which is the ℓ1-regularised step on the
 * non-negative orthant. Every {@code outputIter} iterations and at the last one, the full objective
 * is evaluated and the best weights so far are kept. The run stops early when a checkpoint's best
 * objective improved by at most {@code tol}·max(1, |best|) over the previous checkpoint's (tol = 0
 * runs all {@code maxIter} iterations, as metric-learn does).
 */
public record ScmlDualAveraging(double beta, double gamma, int maxIter, int outputIter, int batchSize, double tol) {
    private static final double DELTA = 1e-3;

    public ScmlDualAveraging {
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw ParamException.invalid("beta", beta, "a finite number >= 0");
        }
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw ParamException.invalid("gamma", gamma, "a finite number > 0");
        }
        ScmlLearner.requireAtLeast("max_iter", maxIter, 1);
        ScmlLearner.requireAtLeast("output_iter", outputIter, 1);
        ScmlLearner.requireAtLeast("batch_size", batchSize, 1);
        if (!(tol >= 0) || !Double.isFinite(tol)) {
            throw ParamException.invalid("tol", tol, "a finite number >= 0 (0 runs all max_iter iterations)");
        }
    }

    /** The best weights found, their objective, the iterations run and whether {@code tol} stopped the run. */
    public record Result(double[] weights, double objective, int iterations, boolean converged) {
    }

    public Result solve(ScmlProblem p, RandomGenerator rng, String owner, Progress progress) {
        int k = p.bases();
        double[] w = new double[k];
        // Σ_s g_s and Σ_s g_s² per coordinate: the running mean ḡ and the AdaGrad norm h = √(Σ g²)
        double[] sum = new double[k];
        double[] squares = new double[k];
        double[] g = new double[k];
        int[] active = new int[k];
        int activeCount = 0;
        double[] best = new double[k];
        double bestObjective = Double.POSITIVE_INFINITY;
        double lastCheckpointBest = Double.POSITIVE_INFINITY;
        boolean converged = false;
        int done = 0;
        for (int it = 0; it < maxIter && !converged; it++) {
            batchGradient(p, rng, w, active, activeCount, g);
            // the weights are sparse: slacks and the objective run over the positive ones only
            activeCount = step(it + 1, g, sum, squares, w, active, activeCount);
            done = it + 1;
            if (done % outputIter == 0 || done == maxIter) {
                double obj = p.objective(w, active, activeCount, beta);
                if (!Double.isFinite(obj)) {
                    throw new ArithmeticException(owner + ": non-finite objective at iteration " + done);
                }
                progress.iteration(done, obj);
                if (obj < bestObjective) {
                    bestObjective = obj;
                    best = w.clone();
                }
                if (tol > 0 && lastCheckpointBest - bestObjective <= tol * Math.max(1, Math.abs(bestObjective))) {
                    converged = true;
                }
                lastCheckpointBest = bestObjective;
            }
        }
        if (!converged && tol > 0) {
            progress.warn(owner + ": stopped at max_iter=" + maxIter + " before the objective settled (best "
                    + bestObjective + "); raise max_iter or tol");
        }
        progress.finished(done, bestObjective, converged);
        return new Result(best, bestObjective, done, converged);
    }

    /** g = Σ δ_t over {@code batchSize} uniformly drawn triplets t whose hinge is active under w. */
    private void batchGradient(ScmlProblem p, RandomGenerator rng, double[] w, int[] active, int activeCount, double[] g) {
        Arrays.fill(g, 0);
        int m = p.size();
        for (int b = 0; b < batchSize; b++) {
            int t = rng.nextInt(m);
            if (p.slack(t, w, active, activeCount) > 0) {
                p.addDifferences(t, g);
            }
        }
    }

    /**
     * The dual-averaging step after {@code steps} mini-batches with gradient sum g: accumulates g/batch
     * into the sums and sums of squares and sets w = s/(γ(δ + h)) · max(0, −(ḡ + β)). Only the weights with
     * ḡ + β < 0 are positive: they are listed in {@code active} (whose previous {@code activeCount}
     * entries are reset to zero first), only they are formed, and their number is returned.
     */
    private int step(double steps, double[] g, double[] sum, double[] squares, double[] w, int[] active, int activeCount) {
        for (int m = 0; m < activeCount; m++) {
            w[active[m]] = 0;
        }
        accumulate(g, sum, squares);
        double mean = 1 / steps;
        int count = 0;
        for (int j = 0; j < w.length; j++) {
            active[count] = j;
            count += sum[j] * mean + beta < 0 ? 1 : 0;
        }
        double scale = steps / gamma;
        for (int m = 0; m < count; m++) {
            int j = active[m];
            w[j] = -scale * (sum[j] * mean + beta) / (DELTA + Math.sqrt(squares[j]));
        }
        return count;
    }

    /** sum += g/batch and squares += (g/batch)² per coordinate. */
    private void accumulate(double[] g, double[] sum, double[] squares) {
        for (int j = 0; j < g.length; j++) {
            double gj = g[j] / batchSize;
            sum[j] += gj;
            squares[j] += gj * gj;
        }
    }
}
