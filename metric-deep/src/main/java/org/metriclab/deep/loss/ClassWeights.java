package org.metriclab.deep.loss;

/** Shared checks for losses that own one weight row (proxy or class vector) per class. */
final class ClassWeights {
    private ClassWeights() {
    }

    /** Validates the batch against the declared sizes (0 = take from the data) and returns C. */
    static int check(String loss, LossBatch b, int numClasses, int embeddingSize) {
        if (b.weights() == null) {
            throw new IllegalArgumentException(loss + " needs a C×D weight matrix (proxies / class vectors, one row per class)");
        }
        int c = b.weightRows();
        if (numClasses > 0 && numClasses != c) {
            throw new IllegalArgumentException(loss + ": num_classes=" + numClasses + " but the weights have " + c + " rows");
        }
        if (embeddingSize > 0 && embeddingSize != b.d()) {
            throw new IllegalArgumentException(loss + ": embedding_size=" + embeddingSize + " but the embeddings have " + b.d() + " columns");
        }
        for (int y : b.labels()) {
            if (y < 0 || y >= c) {
                throw new IllegalArgumentException(loss + ": label " + y + " has no weight row; labels must be class indices in [0, " + c + ")");
            }
        }
        return c;
    }

    /**
     * The sample×class score matrix of a batch against its weight rows, after {@link #check}: embeddings
     * e (n×D) and weights w (C×D), both L2-normalised when asked, and M_ik = kind(e_i, w_k).
     */
    record Scores(int classes, int n, Embeddings e, Embeddings w, PairMatrix m) {

        static Scores of(String loss, LossBatch b, int numClasses, int embeddingSize, PairMatrix.Kind kind, boolean normalize) {
            int c = check(loss, b, numClasses, embeddingSize);
            int n = b.n();
            Embeddings e = new Embeddings(b.x(), n, b.d(), normalize);
            Embeddings w = new Embeddings(b.weights(), c, b.d(), normalize);
            return new Scores(c, n, e, w, new PairMatrix(kind, e, w));
        }

        /** Back-propagates the gradient accumulated on M and returns the value with both raw gradients. */
        LossOutput output(double value) {
            m.backward();
            return new LossOutput(value, e.rawGradient(), w.rawGradient());
        }
    }

    /** Softmax cross-entropy of one row of logits with target t; writes d/dlogits into {@code g}. */
    static double crossEntropy(double[] logits, int t, double[] g) {
        double lse = LogSumExp.of(logits, logits.length, false, g);
        g[t] -= 1;
        return lse - logits[t];
    }
}
