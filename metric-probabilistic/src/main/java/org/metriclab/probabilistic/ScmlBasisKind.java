package org.metriclab.probabilistic;

/** How SCML builds its rank-one bases. */
public enum ScmlBasisKind {
    /** Local LDA directions around k-means centres (needs labels). */
    LDA,
    /** Eigenvectors of sums of triplet difference outer products (needs only triplets). */
    TRIPLET_DIFFS
}
