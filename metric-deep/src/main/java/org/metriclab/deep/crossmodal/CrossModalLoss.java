package org.metriclab.deep.crossmodal;

import java.util.Map;
import java.util.Set;
import org.metriclab.deep.loss.LossBatch;
import org.metriclab.deep.loss.LossOutput;
import org.metriclab.deep.loss.Losses;
import org.metriclab.deep.loss.MetricLoss;
import org.metriclab.deep.loss.Tuples;

/**
 * A cross-modal metric loss: a registered pair loss ({@code contrastive}) or triplet loss
 * ({@code triplet_margin}) evaluated on the stacked embeddings of both modalities with only the tuples
 * that cross modalities ({@link CrossModalPairs}), so it pulls a sample's view in modality A towards the
 * same-class views in modality B and pushes it from the other classes' views, and the reverse. The
 * gradient has one row per stacked embedding: rows 0..n−1 go back through tower A, rows n..2n−1 through tower B.
 */
public record CrossModalLoss(MetricLoss inner) {
    /** The registered losses that read their pairs or triplets from the mined tuples. */
    public static final Set<String> SUPPORTED = Set.of("contrastive", "triplet_margin");

    public CrossModalLoss {
        if (inner == null || !SUPPORTED.contains(inner.name())) {
            throw new IllegalArgumentException("loss: cross_modal trains with contrastive or triplet_margin (losses over pairs or triplets), got "
                    + (inner == null ? "none" : inner.name()));
        }
    }

    /** The loss of the given name and parameters (e.g. {@code margin} for triplet_margin). */
    public static CrossModalLoss of(String name, Map<String, ?> params) {
        if (!SUPPORTED.contains(name)) {
            throw new IllegalArgumentException("loss: cross_modal trains with contrastive or triplet_margin (losses over pairs or triplets), got '"
                    + name + "'");
        }
        return new CrossModalLoss(Losses.loss(name, params));
    }

    /**
     * The loss of n samples (row-major n×d embeddings of modality A and of modality B, row i of each the
     * same sample) and its gradient w.r.t. the 2n stacked rows [a; b].
     */
    public LossOutput evaluate(double[] a, double[] b, int n, int d, int[] labels) {
        if (a.length != n * d || b.length != n * d) {
            throw new IllegalArgumentException("both modalities need n×d embeddings: " + a.length + " and " + b.length + " values for " + n + "×" + d);
        }
        double[] stacked = new double[2 * n * d];
        System.arraycopy(a, 0, stacked, 0, n * d);
        System.arraycopy(b, 0, stacked, n * d, n * d);
        CrossModalPairs cross = new CrossModalPairs(labels);
        Tuples tuples = inner.name().equals("contrastive") ? cross.pairs() : cross.triplets();
        return inner.evaluate(new LossBatch(stacked, 2 * n, d, cross.stackedLabels(), tuples, null));
    }
}
