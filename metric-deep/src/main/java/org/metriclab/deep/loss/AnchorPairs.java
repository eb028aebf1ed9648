package org.metriclab.deep.loss;

/**
 * The (mined) positive and negative pairs of a batch of n embeddings, grouped by anchor: as n×n
 * row-major masks (pair (a,j) marked at {@code a·n + j}) and as per-anchor index lists. Shared by the
 * per-anchor pair losses (multi-similarity, circle, SupCon, NT-Xent, lifted structure).
 */
record AnchorPairs(Tuples.Pairs pairs, int n, boolean[] pos, boolean[] neg) {

    /** The batch's mined tuples (all pairs when none) as pairs, by anchor. */
    static AnchorPairs of(LossBatch b) {
        return of(Tuples.toPairs(b.mined(), b.labels()), b.n());
    }

    static AnchorPairs of(Tuples.Pairs pr, int n) {
        boolean[] pos = new boolean[n * n];
        boolean[] neg = new boolean[n * n];
        for (int k = 0; k < pr.a1().length; k++) {
            pos[pr.a1()[k] * n + pr.p()[k]] = true;
        }
        for (int k = 0; k < pr.a2().length; k++) {
            neg[pr.a2()[k] * n + pr.n()[k]] = true;
        }
        return new AnchorPairs(pr, n, pos, neg);
    }

    /** True when there is no positive or no negative pair (the losses then give 0). */
    boolean lacksPositiveOrNegative() {
        return pairs.a1().length == 0 || pairs.a2().length == 0;
    }

    boolean isPositive(int anchor, int j) {
        return pos[anchor * n + j];
    }

    /** Columns j of the positive pairs (anchor, j), ascending. */
    int[] positives(int anchor) {
        return row(anchor, true, false);
    }

    /** Columns j of the negative pairs (anchor, j), ascending. */
    int[] negatives(int anchor) {
        return row(anchor, false, true);
    }

    /** Columns j of the positive or negative pairs (anchor, j), ascending. */
    int[] either(int anchor) {
        return row(anchor, true, true);
    }

    /**
     * For each anchor a, the indexes k (ascending) of the negative pairs {@code (a2[k], n[k])} with
     * {@code a2[k] == a}; duplicates kept.
     */
    static int[][] negativePairIndexesByAnchor(Tuples.Pairs pairs, int n) {
        int[] count = new int[n];
        for (int a : pairs.a2()) {
            count[a]++;
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new int[count[i]];
            count[i] = 0;
        }
        for (int k = 0; k < pairs.a2().length; k++) {
            int a = pairs.a2()[k];
            out[a][count[a]++] = k;
        }
        return out;
    }

    private int[] row(int anchor, boolean usePos, boolean useNeg) {
        int c = 0;
        for (int j = 0; j < n; j++) {
            c += marked(anchor * n + j, usePos, useNeg) ? 1 : 0;
        }
        int[] out = new int[c];
        c = 0;
        for (int j = 0; j < n; j++) {
            if (marked(anchor * n + j, usePos, useNeg)) {
                out[c++] = j;
            }
        }
        return out;
    }

    private boolean marked(int at, boolean usePos, boolean useNeg) {
        return usePos && pos[at] || useNeg && neg[at];
    }
}
