package org.metriclab.core.stochastic;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Progress;

/**
 * The epoch loop shared by the stochastic solvers: each epoch visits the n rows in a fresh random
 * order (stream {@code batches}) in batches of {@code batch_size} queries (the last may be smaller);
 * the {@link Planner} adds each batch's reference rows (stream {@code references}); the oracle
 * returns Σ_{i∈B} f_i and its gradient; the step uses g = (1/|B|) Σ ∇f_i + 2(λ/n)L. Per epoch it reports
 * the mean loss ({@link Progress#iteration}, {@link Progress#EPOCH_LOSS}) and rows per second
 * ({@link Progress#SAMPLES_PER_SECOND}). A non-finite loss or L stops the fit with a
 * {@link FitException} that names {@code learning_rate} and the epoch; no model is returned.
 */
public final class EpochLoop {
    private final String learner;
    private final StochasticOptions options;

    public EpochLoop(String learner, StochasticOptions options) {
        this.learner = learner;
        this.options = options;
    }

    /** Minimises from {@code l0} (p×d) over {@code n} rows with penalty λ = {@code penalty}; returns L. */
    public double[] run(int n, double penalty, double[] l0, int p, Planner planner, GradientOracle oracle, FitContext ctx) {
        double[] l = l0.clone();
        double[] g = new double[l.length];
        StepRule rule = new StepRule(options.optimizer(), options.learningRate(), options.decay(), l.length);
        SplittableRandom order = ctx.random("batches");
        SplittableRandom refs = ctx.random("references");
        double lambda = penalty / n;
        double previous = Double.NaN;
        double mean = Double.NaN;
        boolean converged = false;
        int epoch = 0;
        while (epoch < options.epochs() && !converged) {
            epoch++;
            long start = System.nanoTime();
            planner.startEpoch(epoch, l, p);
            int[] perm = FitContext.permutation(n, order);
            double sum = 0;
            int step = 0;
            for (int from = 0; from < n; from += options.batchSize()) {
                step++;
                int[] queries = Arrays.copyOfRange(perm, from, Math.min(n, from + options.batchSize()));
                Batch batch = planner.plan(queries, refs);
                Arrays.fill(g, 0.0);
                double f = oracle.accumulate(l, p, batch, g);
                double norm2 = 0;
                for (int k = 0; k < l.length; k++) {
                    g[k] = g[k] / queries.length + 2 * lambda * l[k];
                    norm2 += l[k] * l[k];
                }
                sum += f + lambda * norm2 * queries.length;
                rule.apply(l, g, epoch);
                requireFinite(f, l, epoch, step, rule.rate(epoch));
            }
            mean = sum / n;
            double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
            ctx.progress().iteration(epoch, mean);
            ctx.progress().measure(Progress.EPOCH_LOSS, epoch, mean);
            ctx.progress().measure(Progress.SAMPLES_PER_SECOND, epoch, n / seconds);
            converged = options.tol() > 0 && epoch > 1 && Math.abs(previous - mean) <= options.tol() * Math.max(1.0, Math.abs(mean));
            previous = mean;
        }
        // with tol = 0 the requested epochs are the stopping rule, so running them all is convergence
        ctx.progress().finished(epoch, mean, converged || options.tol() == 0);
        return l;
    }

    private void requireFinite(double f, double[] l, int epoch, int step, double rate) {
        boolean finite = Double.isFinite(f);
        for (int k = 0; k < l.length && finite; k++) {
            finite = Double.isFinite(l[k]);
        }
        if (!finite) {
            throw new FitException(learner, "the " + options.optimizer().name().toLowerCase(Locale.ROOT)
                    + " schedule made the " + (Double.isFinite(f) ? "transformation" : "loss") + " non-finite at epoch " + epoch
                    + ", step " + step + " (learning rate " + rate + "); no model was written",
                    "lower learning_rate (valid range: finite and > 0; try " + options.learningRate() / 10
                            + ") or standardise the features");
        }
    }
}
