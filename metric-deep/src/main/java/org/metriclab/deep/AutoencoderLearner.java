package org.metriclab.deep;

import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.deep.train.Sampler;
import org.metriclab.deep.train.TrainSpec;
import org.metriclab.deep.train.Trainer;

/**
 * Learner {@code autoencoder} (the unsupervised baseline): the encoder is the
 * {@link NetSpec} network, the decoder mirrors its hidden layers back to the input; trained on the mean
 * squared reconstruction error of the scaled input (input_scale · x); the metric is Euclidean distance between codes. Labels are ignored.
 * Same keys as {@code deep_metric} except the loss/miner; defaults differ in normalize (false) and
 * sampler (shuffle).
 */
public record AutoencoderLearner(NetSpec net, TrainSpec train) implements MetricLearner<EmbeddingMetric> {

    public static AutoencoderLearner from(Params p) {
        return new AutoencoderLearner(NetSpec.from(p, false), TrainSpec.from(p, Sampler.SHUFFLE));
    }

    @Override
    public EmbeddingMetric fit(Dataset data, FitContext ctx) {
        return new Trainer(net, train, null, null, true).fit(data, ctx);
    }
}
