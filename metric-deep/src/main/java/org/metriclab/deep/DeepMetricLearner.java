package org.metriclab.deep;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.deep.loss.Losses;
import org.metriclab.deep.loss.MetricLoss;
import org.metriclab.deep.loss.Miner;
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
        MetricLoss loss = Losses.loss(lossName, prefixed(p, "loss."));
        record(p, "loss.", loss.params());
        Miner miner = null;
        if (!minerName.equals("none")) {
            miner = Losses.miner(minerName, prefixed(p, "miner."));
            record(p, "miner.", miner.params());
        }
        return new DeepMetricLearner(net, train, loss, miner);
    }

    static Map<String, Object> prefixed(Params p, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        p.raw().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Reads every bound value back through {@code p} so that defaults appear in {@link Params#resolved()}. */
    static void record(Params p, String prefix, Map<String, Object> values) {
        values.forEach((k, v) -> {
            String key = prefix + k;
            if (v instanceof Boolean b) {
                p.getBoolean(key, b);
            } else if (v instanceof Integer i) {
                p.getInt(key, i);
            } else if (v instanceof Number n) {
                p.getDouble(key, n.doubleValue());
            } else {
                p.getString(key, v == null ? null : v.toString());
            }
        });
    }

    @Override
    public EmbeddingMetric fit(Dataset data, FitContext ctx) {
        data.requireAtLeastTwoClasses("deep_metric");
        return new Trainer(net, train, loss, miner, false).fit(data, ctx);
    }
}
