package org.metriclab.deep;

import java.util.Map;
import java.util.SplittableRandom;
import org.metriclab.core.data.Labels;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.deep.loss.LossBatch;
import org.metriclab.deep.loss.LossOutput;
import org.metriclab.deep.loss.Losses;
import org.metriclab.deep.loss.MetricLoss;
import org.metriclab.deep.loss.Miner;
import org.metriclab.deep.loss.Tuples;

/**
 * Evaluates one loss (optionally after a miner) on one batch, in float64, exactly as training does,
 * so its value and gradient can be compared with pytorch-metric-learning 2.8.1 ({@code metriclab loss}).
 * Loss and miner names and parameter names are PML's (see {@link Losses}); the gradient is w.r.t. the
 * raw embeddings (before the losses' internal L2 normalisation). For proxy/classification losses the
 * weights matrix holds one row per class and labels must be class indices {@code 0..C−1}; randomised
 * miners (distance_weighted) use seed 0.
 */
public final class LossProbe {
    private LossProbe() {
    }

    public static LossValue compute(String loss, Map<String, Object> lossParams, String miner, Map<String, Object> minerParams,
            Matrix embeddings, Labels labels, Matrix weights) {
        if (embeddings == null || labels == null) {
            throw new IllegalArgumentException("embeddings and labels are required");
        }
        if (labels.size() != embeddings.rows()) {
            throw new IllegalArgumentException("need one label per embedding row: " + labels.size() + " labels for " + embeddings.rows() + " rows");
        }
        MetricLoss l = Losses.loss(loss, lossParams);
        Miner m = miner == null ? null : Losses.miner(miner, minerParams);
        if (weights != null && !l.usesWeights()) {
            throw new IllegalArgumentException("loss " + loss + " takes no weights");
        }
        if (weights != null && weights.cols() != embeddings.cols()) {
            throw new IllegalArgumentException("weights must have " + embeddings.cols() + " columns like the embeddings, got " + weights.shape());
        }
        int n = embeddings.rows();
        int d = embeddings.cols();
        double[] x = embeddings.toArray();
        int[] y = labels.toArray();
        Tuples t = m == null ? null : m.mine(x, n, d, y, new SplittableRandom(0));
        LossOutput out = l.evaluate(new LossBatch(x, n, d, y, t, weights == null ? null : weights.toArray()));
        return new LossValue(out.value(), LossOutput.norm(out.gradEmbeddings()));
    }
}
