package org.metriclab.eval.verify;

/**
 * The verification pairs' squared distances, each stratum sorted ascending: every same-label pair
 * ({@code positives}) and every different-label pair ({@code negatives}), or a seeded sample of each when all of
 * them do not fit the memory budget.
 *
 * @param positives same-label pair distances, ascending
 * @param negatives different-label pair distances, ascending
 * @param sampled   true when the strata are samples rather than every pair
 */
public record PairSample(double[] positives, double[] negatives, boolean sampled) {
    public PairSample {
        if (positives == null || negatives == null) {
            throw new IllegalArgumentException("pair distances must not be null");
        }
    }
}
