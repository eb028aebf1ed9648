package org.metriclab.probabilistic.optim;

import java.util.function.UnaryOperator;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Progress;

/**
 * Projected gradient descent with Armijo backtracking along the projection arc: from x with gradient
 * g, try x⁺ = Π(x − t·g) and accept when f(x⁺) ≤ f(x) + ⟨g, x⁺−x⟩ + ‖x⁺−x‖²/(2t), halving t
 * otherwise. For a convex feasible set this gives f(x⁺) ≤ f(x) − ‖x⁺−x‖²/(2t): the objective never
 * increases. After an accepted step t doubles (adaptive step). Stops when the relative step
 * ‖x⁺−x‖/max(1,‖x‖) or the relative decrease falls below {@code tol}, or at {@code maxIter}
 * (reported by {@link Progress#warn}).
 *
 * @param maxIter     iteration cap
 * @param tol         relative tolerance on the step and on the decrease
 * @param initialStep first trial step t
 */
public record ProjectedGradient(int maxIter, double tol, double initialStep) {
    private static final int MAX_HALVINGS = 60;

    public ProjectedGradient {
        if (maxIter < 1) {
            throw new IllegalArgumentException("max_iter must be >= 1, got " + maxIter);
        }
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0, got " + tol);
        }
        if (!(initialStep > 0) || Double.isInfinite(initialStep)) {
            throw new IllegalArgumentException("initial step must be finite and > 0, got " + initialStep);
        }
    }

    public OptimResult minimize(Objective f, double[] x0, UnaryOperator<double[]> project, String owner,
            Progress progress) {
        double[] x = project.apply(x0.clone());
        double[] g = new double[x.length];
        double fx = f.valueAndGradient(x, g);
        requireFinite(fx, owner);
        double t = initialStep;
        int iter = 0;
        boolean converged = false;
        while (iter < maxIter && !converged) {
            iter++;
            double[] trial = null;
            double fTrial = Double.NaN;
            double stepNorm2 = 0;
            boolean accepted = false;
            for (int h = 0; h < MAX_HALVINGS && !accepted; h++) {
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    y[i] = x[i] - t * g[i];
                }
                trial = project.apply(y);
                double inner = 0;
                stepNorm2 = 0;
                for (int i = 0; i < x.length; i++) {
                    double dlt = trial[i] - x[i];
                    inner += g[i] * dlt;
                    stepNorm2 += dlt * dlt;
                }
                fTrial = f.value(trial);
                if (Double.isFinite(fTrial) && fTrial <= fx + inner + stepNorm2 / (2 * t)) {
                    accepted = true;
                } else {
                    t *= 0.5;
                }
            }
            if (!accepted || stepNorm2 == 0) {
                converged = true;
                break;
            }
            double norm2 = 0;
            for (double v : x) {
                norm2 += v * v;
            }
            double decrease = fx - fTrial;
            x = trial;
            fx = f.valueAndGradient(x, g);
            progress.iteration(iter, fx);
            converged = Math.sqrt(stepNorm2) <= tol * Math.max(1.0, Math.sqrt(norm2))
                    || decrease <= tol * Math.max(1.0, Math.abs(fx));
            t *= 2;
        }
        if (!converged) {
            progress.warn(owner + ": projected gradient stopped at max_iter=" + maxIter
                    + " without converging (objective " + fx + ")");
        }
        progress.finished(iter, fx, converged);
        return new OptimResult(x, fx, iter, converged);
    }

    private static void requireFinite(double v, String owner) {
        if (!Double.isFinite(v)) {
            throw new FitException(owner, "the initial objective is " + v,
                    "the data may be badly scaled: standardise the features");
        }
    }
}
