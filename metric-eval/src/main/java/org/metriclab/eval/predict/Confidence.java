package org.metriclab.eval.predict;

/** How a k-NN prediction's confidence is scored from its neighbours (higher = more confident). */
public enum Confidence {
    /** The share of the k neighbours that vote for the predicted label, in [1/k, 1]. */
    VOTE,
    /**
     * d_o / (d_p + d_o) in [0, 1], with d_p the (non-squared) distance to the nearest neighbour of the predicted label
     * and d_o that to the nearest neighbour of any other label among the k (+∞ when there is none, giving 1); 1/2
     * when both are 0.
     */
    DISTANCE_RATIO
}
