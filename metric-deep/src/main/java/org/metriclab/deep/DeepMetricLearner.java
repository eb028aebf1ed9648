package org.metriclab.deep;

import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.deep.loss.Losses;
import org.metriclab.deep.loss.MetricLoss;
import org.metriclab.deep.loss.Miner;
import org.metriclab.deep.loss.NestedParams;
import org.metriclab.deep.train.TrainSpec;
import org.metriclab.deep.train.Trainer;

/**
 * Learner {@code deep_metric}: trains an embedding network ({@link NetSpec}) with a
 * pytorch-metric-learning loss ({@code loss}, default triplet_margin; its parameters as
 * {@code loss.NAME}, e.g. {@code loss.margin}) and optional miner ({@code miner}, default none;
 * {@code miner.NAME}) under the training settings of {@link TrainSpec}. Every default of the network,
 * loss, miner and loop shows in the resolved parameters.
 */
public record DeepMetricLearner(NetSpec net, TrainSpec train, MetricLoss loss, Miner miner) implements MetricLearner<EmbeddingMetric> {

    public static DeepMetricLearner from(Params p) {
        NetSpec net = NetSpec.from(p);
        TrainSpec train = TrainSpec.from(p);
        String lossName = p.getString("loss", "triplet_margin");
        String minerName = p.getString("miner", "none");
        NestedParams lossParams = new NestedParams(p, "loss.");
        MetricLoss loss = Losses.loss(lossName, lossParams.values());
        lossParams.readBack(loss.params());
        Miner miner = null;
        if (!minerName.equals("none")) {
            NestedParams minerParams = new NestedParams(p, "miner.");
            miner = Losses.miner(minerName, minerParams.values());
            minerParams.readBack(miner.params());
        }
        return new DeepMetricLearner(net, train, loss, miner);
    }

    @Override
    public EmbeddingMetric fit(Dataset data, FitContext ctx) {
        data.requireAtLeastTwoClasses("deep_metric");
        return new Trainer(net, train, loss, miner, false).fit(data, ctx);
    }
}
