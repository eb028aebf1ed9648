package org.metriclab.probabilistic.optim;

import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Progress;
import smile.math.BFGS;
import smile.math.DifferentiableMultivariateFunction;

/**
 * Limited-memory BFGS through Smile 3.1.1's {@code smile.math.BFGS} (the only place of this module that
 * touches Smile), with scipy-like stopping rules around it.
 *
 * <p>Smile's line search starts with a unit step along −g and gives up (reporting convergence on x)
 * when it meets round-off. So each Smile run minimises the objective divided by ‖g(x_start)‖₂ — the
 * first trial step then has unit length, like scipy's L-BFGS-B, and L-BFGS is otherwise invariant to
 * this scaling — and when a run ends before the iteration budget while the stopping rule below is
 * not met, L-BFGS is restarted from where it stopped (fresh memory). Stopping rule (scipy's
 * defaults): max|gᵢ| ≤ {@code gtol}, or a run's relative decrease (f_start − f_end)/max(|f|, 1) ≤ 2.2e-9.
 * Iterations are counted across runs (Smile evaluates the gradient once at the start of a run and
 * once per iteration, line searches evaluate values only) and reported through
 * {@link Progress#iteration}; reaching {@code maxIter} calls {@link Progress#warn}.
 *
 * @param memory  number of correction pairs kept (scipy's default: 10)
 * @param gtol    gradient tolerance on max|gᵢ| (default 1e-5, scipy's {@code pgtol})
 * @param maxIter iteration cap over all runs
 */
public record SmileLbfgs(int memory, double gtol, int maxIter) {
    private static final double FTOL = 2.2e-9;

    public SmileLbfgs {
        if (memory < 1) {
            throw new IllegalArgumentException("L-BFGS memory must be >= 1, got " + memory);
        }
        if (!(gtol > 0)) {
            throw new IllegalArgumentException("L-BFGS gradient tolerance must be > 0, got " + gtol);
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException("L-BFGS max_iter must be >= 1, got " + maxIter);
        }
    }

    /** Minimises {@code f} from {@code x0}; names the learner in progress warnings and errors. */
    public OptimResult minimize(Objective f, double[] x0, String owner, Progress progress) {
        double[] x = x0.clone();
        double[] g = new double[x.length];
        double value = f.valueAndGradient(x.clone(), g);
        requireFinite(value, owner);
        int total = 0;
        boolean converged = false;
        while (!converged && total < maxIter) {
            double norm2 = 0;
            double maxAbs = 0;
            for (double v : g) {
                norm2 += v * v;
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
            if (maxAbs <= gtol) {
                converged = true;
                break;
            }
            double scale = 1.0 / Math.sqrt(norm2);
            int done = total;
            int[] calls = {0};
            DifferentiableMultivariateFunction fn = new DifferentiableMultivariateFunction() {
                @Override
                public double f(double[] p) {
                    return scale * f.value(p);
                }

                @Override
                public double g(double[] p, double[] gradient) {
                    double v = f.valueAndGradient(p, gradient);
                    for (int k = 0; k < gradient.length; k++) {
                        gradient[k] *= scale;
                    }
                    if (calls[0] > 0) {
                        progress.iteration(done + calls[0], v);
                    }
                    calls[0]++;
                    return scale * v;
                }
            };
            double start = value;
            double[] trial = x.clone();
            BFGS.minimize(fn, memory, trial, gtol, maxIter - total);
            int iterations = Math.max(0, calls[0] - 1);
            total += iterations;
            double[] gTrial = new double[x.length];
            double vTrial = f.valueAndGradient(trial.clone(), gTrial);
            requireFinite(vTrial, owner);
            if (vTrial <= value) {
                x = trial;
                g = gTrial;
                value = vTrial;
            }
            if (iterations == 0 || (start - value) <= FTOL * Math.max(1.0, Math.max(Math.abs(start), Math.abs(value)))) {
                converged = true;
            }
        }
        if (!converged) {
            double maxAbs = 0;
            for (double v : g) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
            converged = maxAbs <= gtol;
        }
        if (!converged) {
            progress.warn(owner + ": L-BFGS stopped at max_iter=" + maxIter + " without converging (objective " + value + ")");
        }
        progress.finished(total, value, converged);
        return new OptimResult(x, value, total, converged);
    }

    private static void requireFinite(double v, String owner) {
        if (!Double.isFinite(v)) {
            throw new FitException(owner, "L-BFGS met a non-finite objective " + v,
                    "the data may be badly scaled: standardise the features");
        }
    }
}
