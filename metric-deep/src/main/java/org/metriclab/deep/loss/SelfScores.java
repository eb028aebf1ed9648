package org.metriclab.deep.loss;

/**
 * The n×n score matrix of a batch against itself, as the pair and triplet losses use it: L2-normalised
 * embeddings e and M_ij = kind(e_i, e_j), with the gradient accumulated on M back-propagated to e.
 */
record SelfScores(Embeddings e, PairMatrix m) {

    static SelfScores of(LossBatch b, PairMatrix.Kind kind) {
        Embeddings e = new Embeddings(b.x(), b.n(), b.d(), true);
        return new SelfScores(e, PairMatrix.self(kind, e));
    }

    /** Back-propagates the gradient accumulated on M and returns the value with the embedding gradient. */
    LossOutput output(double value) {
        m.backward();
        return new LossOutput(value, e.rawGradient(), null);
    }

    /** Loss 0 with a zero gradient (no usable pair in the batch). */
    static LossOutput zero(LossBatch b) {
        return new LossOutput(0, new double[b.n() * b.d()], null);
    }
}
