package org.metriclab.eval.predict;

import java.util.HashMap;
import java.util.Map;
import org.metriclab.eval.knn.Neighbours;

/**
 * Majority-vote k-NN predictions with a confidence per query. The predicted label has the most votes among the
 * k neighbours; among tied labels, the one with the nearest neighbour wins. Neighbour rows below 0 (an index that
 * found fewer than k rows) do not vote.
 *
 * @param labels     predicted label id per query (−1 when the query had no neighbour)
 * @param confidence confidence per query ({@link Confidence}); 0 without neighbours
 * @param nearest    squared distance to the nearest neighbour per query (+∞ without neighbours)
 */
public record KnnPredictions(int[] labels, double[] confidence, double[] nearest) {
    public KnnPredictions {
        if (labels.length != confidence.length || labels.length != nearest.length) {
            throw new IllegalArgumentException("predictions need one label, confidence and distance per query");
        }
    }

    /** Predictions from the neighbours, with {@code referenceLabels[row]} the label of gallery row {@code row}. */
    public static KnnPredictions of(Neighbours hits, int[] referenceLabels, Confidence kind) {
        int nq = hits.queries();
        int[] labels = new int[nq];
        double[] conf = new double[nq];
        double[] nearest = new double[nq];
        Map<Integer, Integer> votes = new HashMap<>();
        for (int q = 0; q < nq; q++) {
            votes.clear();
            int best = -1;
            int bestVotes = 0;
            int valid = 0;
            for (int i = 0; i < hits.k(); i++) {
                int row = hits.row(q, i);
                if (row < 0) {
                    continue;
                }
                valid++;
                bestVotes = Math.max(bestVotes, votes.merge(referenceLabels[row], 1, Integer::sum));
            }
            // neighbours come nearest first: the first one whose label has the most votes names the winner
            for (int i = 0; i < hits.k() && best < 0; i++) {
                int row = hits.row(q, i);
                if (row >= 0 && votes.get(referenceLabels[row]) == bestVotes) {
                    best = referenceLabels[row];
                }
            }
            labels[q] = best;
            nearest[q] = valid == 0 ? Double.POSITIVE_INFINITY : hits.distance(q, 0);
            if (valid == 0) {
                conf[q] = 0;
            } else if (kind == Confidence.VOTE) {
                conf[q] = bestVotes / (double) valid;
            } else {
                conf[q] = distanceRatio(hits, q, referenceLabels, best);
            }
        }
        return new KnnPredictions(labels, conf, nearest);
    }

    private static double distanceRatio(Neighbours hits, int q, int[] referenceLabels, int predicted) {
        double same = Double.POSITIVE_INFINITY;
        double other = Double.POSITIVE_INFINITY;
        for (int i = 0; i < hits.k(); i++) {
            int row = hits.row(q, i);
            if (row < 0) {
                continue;
            }
            double d = Math.sqrt(hits.distance(q, i));
            if (referenceLabels[row] == predicted) {
                same = Math.min(same, d);
            } else {
                other = Math.min(other, d);
            }
        }
        if (other == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        return same + other == 0 ? 0.5 : other / (same + other);
    }
}
