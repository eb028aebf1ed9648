package org.metriclab.core.distance;

import org.metriclab.core.linalg.Matrix;
import org.metriclab.core.preprocess.Transform;

/** A learned metric applied after a fitted preprocessing transform (e.g. train-only standardisation). */
public record PreprocessedMetric(Transform preprocessing, LearnedMetric metric) implements LearnedMetric {
    public PreprocessedMetric {
        if (preprocessing.outputDim() != metric.inputDim()) {
            throw new IllegalArgumentException("preprocessing outputs " + preprocessing.outputDim()
                    + " features but the metric takes " + metric.inputDim());
        }
    }

    @Override
    public int inputDim() {
        return preprocessing.inputDim();
    }

    @Override
    public int outputDim() {
        return metric.outputDim();
    }

    @Override
    public double[] embed(double[] x) {
        return metric.embed(preprocessing.apply(x));
    }

    @Override
    public Matrix embed(Matrix x) {
        return metric.embed(preprocessing.apply(x));
    }
}
