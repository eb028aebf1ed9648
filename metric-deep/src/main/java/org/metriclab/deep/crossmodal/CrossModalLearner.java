package org.metriclab.deep.crossmodal;

import org.metriclab.core.data.Dataset;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.deep.NetSpec;
import org.metriclab.deep.loss.NestedParams;
import org.metriclab.deep.train.CrossModalTrainer;
import org.metriclab.deep.train.TrainSpec;

/**
 * Learner {@code cross_modal} (multi-modal metric learning): {@code modalities} names two disjoint
 * column groups of the data, {@code [[first_a, last_a], [first_b, last_b]]} (inclusive, 0-based); each
 * gets its own tower, a network of the {@link NetSpec} keys (same architecture, separate weights), into
 * one shared space of {@code embedding_size}; the towers are trained together with a cross-modal
 * {@code loss} (contrastive, default, or triplet_margin; parameters as {@code loss.NAME}) over the pairs
 * or triplets that cross modalities ({@link CrossModalPairs}). Training keys of {@link TrainSpec} except
 * validation and checkpoints. The learned metric embeds a row as both towers' outputs side by side
 * ({@link CrossModalMetric}); {@link CrossModalRetrieval} scores A→B and B→A retrieval.
 */
public record CrossModalLearner(Modalities modalities, NetSpec net, TrainSpec train, CrossModalLoss loss) implements MetricLearner<CrossModalMetric> {

    public static CrossModalLearner from(Params p) {
        if (!p.has("modalities")) {
            throw new IllegalArgumentException("modalities: cross_modal needs the two column groups, e.g. modalities: [[0, 31], [32, 63]]");
        }
        Modalities modalities = Modalities.parse(p.getString("modalities", ""));
        NetSpec net = NetSpec.from(p);
        TrainSpec train = TrainSpec.from(p);
        String lossName = p.getString("loss", "contrastive");
        NestedParams lossParams = new NestedParams(p, "loss.");
        CrossModalLoss loss = CrossModalLoss.of(lossName, lossParams.values());
        lossParams.readBack(loss.inner().params());
        return new CrossModalLearner(modalities, net, train, loss);
    }

    @Override
    public CrossModalMetric fit(Dataset data, FitContext ctx) {
        data.requireAtLeastTwoClasses("cross_modal");
        return new CrossModalTrainer(net, train, loss, modalities).fit(data, ctx);
    }
}
