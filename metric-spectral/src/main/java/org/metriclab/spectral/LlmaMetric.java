package org.metriclab.spectral;

import java.util.List;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.linalg.Matrix;

/**
 * The LLMA transform f = f_T ∘ … ∘ f_1, each f_t an RBF-weighted translation ({@link LlmaStep}) with
 * the common width σ; d(a, b) = ‖f(a) − f(b)‖. New points go through the same steps as the training
 * points did, so a training row maps exactly to its fitted position (the out-of-sample rule).
 */
public final class LlmaMetric implements LearnedMetric {
    private final double sigma;
    private final List<LlmaStep> steps;
    private final int dim;

    LlmaMetric(double sigma, List<LlmaStep> steps) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("llma metric: sigma must be a finite number > 0, got " + sigma);
        }
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("llma metric: need at least one step");
        }
        int d = steps.get(0).centres().cols();
        for (LlmaStep s : steps) {
            if (s.centres().cols() != d) {
                throw new IllegalArgumentException("llma metric: every step must have dimension " + d + ", got " + s.centres().cols());
            }
        }
        this.sigma = sigma;
        this.steps = List.copyOf(steps);
        this.dim = d;
    }

    public double sigma() {
        return sigma;
    }

    List<LlmaStep> steps() {
        return steps;
    }

    @Override
    public int inputDim() {
        return dim;
    }

    @Override
    public int outputDim() {
        return dim;
    }

    @Override
    public double[] embed(double[] x) {
        requireInputDim(x.length);
        return embed(Matrix.of(1, dim, x.clone())).row(0);
    }

    @Override
    public Matrix embed(Matrix x) {
        requireInputDim(x.cols());
        Matrix z = x;
        for (LlmaStep s : steps) {
            z = s.apply(z, sigma);
        }
        return z;
    }
}
