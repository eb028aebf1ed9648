package org.metriclab.eval.knn;

import java.util.Arrays;

/**
 * One query's exact ranking, reduced to what every rank measure reads: the 1-based ranks
 * {@code p_1 < p_2 < … < p_R} of its R relevant references (same label, the query itself excluded in self mode)
 * in the full ranking, and the classes of its nearest references, nearest first.
 *
 * <p>Ranking order: ascending squared Euclidean distance in float64, ties by ascending reference index. Classes
 * are dense ids of the reference labels (the sorted distinct labels numbered from 0), so {@link #queryClass()} and
 * {@link #neighbourClass(int)} compare directly. A query whose label no reference has (R = 0) never gets a value:
 * the engines mark it lone and give it each measure's {@link org.metriclab.eval.RankMeasure#lone()} value instead.
 *
 * <p>A value built from a merged top-k list (reference-partitioned engines) knows the ranking only up to its
 * horizon k: R and the nearest k references, hence the relevant ranks ≤ k. Reading beyond the horizon throws
 * {@link IllegalStateException}; only measures that declare {@link org.metriclab.eval.RankMeasure#nearestOnly()}
 * are computed from such a value.
 *
 * <p>The engine refills one instance per worker for every query (no allocation per query); a measure reads it
 * during its call and keeps nothing.
 */
public final class RankedHits {
    private final long[] ranks;
    private final int[] neighbourClasses;
    private final int[] votes;
    private int relevant;
    private int known;
    private long horizon = Long.MAX_VALUE;
    private int neighbours;
    private int queryClass;

    /**
     * An empty value over the given buffers.
     *
     * @param ranks room for the largest R
     * @param neighbourClasses room for the most nearest references any measure reads
     * @param classes number of reference classes (the majority vote's scratch)
     */
    RankedHits(long[] ranks, int[] neighbourClasses, int classes) {
        this.ranks = ranks;
        this.neighbourClasses = neighbourClasses;
        this.votes = new int[classes];
    }

    /**
     * A standalone value (tests and callers outside an engine).
     *
     * @param queryClass the query's class
     * @param ranks the relevant references' ranks, strictly ascending, at least one
     * @param neighbourClasses the classes of the nearest references, nearest first
     * @param classes number of classes (every class id is below it)
     */
    public static RankedHits of(int queryClass, long[] ranks, int[] neighbourClasses, int classes) {
        if (ranks.length == 0) {
            throw new IllegalArgumentException("a ranked query needs at least one relevant reference");
        }
        for (int i = 0; i < ranks.length; i++) {
            if (ranks[i] <= i || (i > 0 && ranks[i] <= ranks[i - 1])) {
                throw new IllegalArgumentException("relevant ranks must be strictly ascending from 1: " + Arrays.toString(ranks));
            }
        }
        for (int c : neighbourClasses) {
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("neighbour class " + c + " is outside 0.." + (classes - 1));
            }
        }
        RankedHits h = new RankedHits(ranks.clone(), neighbourClasses.clone(), classes);
        h.reset(queryClass, ranks.length, neighbourClasses.length);
        return h;
    }

    /** Sets the query this value now describes; the engine has filled the first R ranks and neighbour classes. */
    void reset(int queryClass, int relevant, int neighbours) {
        this.queryClass = queryClass;
        this.relevant = relevant;
        this.known = relevant;
        this.horizon = Long.MAX_VALUE;
        this.neighbours = neighbours;
    }

    /**
     * Sets the query this value now describes from its nearest references only: the engine has filled the
     * {@code neighbours} nearest classes; the ranks of the relevant ones among them are derived here. With
     * {@code complete} (the list holds every reference) the ranking is whole; otherwise it is known up to rank
     * {@code neighbours}.
     */
    void resetNearest(int queryClass, int relevant, int neighbours, boolean complete) {
        int found = 0;
        for (int i = 0; i < neighbours; i++) {
            if (neighbourClasses[i] == queryClass) {
                ranks[found++] = i + 1;
            }
        }
        this.queryClass = queryClass;
        this.relevant = relevant;
        this.known = found;
        this.horizon = complete ? Long.MAX_VALUE : neighbours;
        this.neighbours = neighbours;
    }

    /** The engine's buffer for the ranks. */
    long[] rankBuffer() {
        return ranks;
    }

    /** The engine's buffer for the neighbour classes. */
    int[] neighbourBuffer() {
        return neighbourClasses;
    }

    /** The query's class. */
    public int queryClass() {
        return queryClass;
    }

    /** R: the number of relevant references (at least 1). */
    public int relevant() {
        return relevant;
    }

    /** p_{i+1}: the 1-based rank of the (i+1)-th nearest relevant reference, {@code 0 ≤ i < R}. */
    public long rank(int i) {
        if (i >= known && i < relevant) {
            throw beyondHorizon("the rank of relevant reference " + (i + 1));
        }
        return ranks[i];
    }

    /** p_1: the rank of the nearest relevant reference. */
    public long firstRelevantRank() {
        if (known == 0) {
            throw beyondHorizon("the rank of the nearest relevant reference");
        }
        return ranks[0];
    }

    /** #{i : p_i ≤ k}: the relevant references among the k nearest. */
    public int relevantWithin(long k) {
        if (k > horizon) {
            throw beyondHorizon("the relevant references among the " + k + " nearest");
        }
        int c = 0;
        while (c < known && ranks[c] <= k) {
            c++;
        }
        return c;
    }

    /** p_1 ≤ k: whether a relevant reference is among the k nearest. */
    public boolean anyRelevantWithin(long k) {
        if (k > horizon) {
            throw beyondHorizon("whether a relevant reference is among the " + k + " nearest");
        }
        return known > 0 && ranks[0] <= k;
    }

    private IllegalStateException beyondHorizon(String what) {
        return new IllegalStateException("a measure read " + what + ", but only the " + horizon
                + " nearest references are known (a measure computed from a top-k list must declare nearestOnly() at most k)");
    }

    /** How many nearest references' classes are known (the deepest cut-off asked for, at most the references). */
    public int neighbours() {
        return neighbours;
    }

    /** The class of the (i+1)-th nearest reference, {@code 0 ≤ i < neighbours()}. */
    public int neighbourClass(int i) {
        return neighbourClasses[i];
    }

    /**
     * The majority class among the min(k, neighbours) nearest references, ties between classes broken by the
     * nearest reference of the tied classes; −1 for k = 0.
     */
    public int majorityClass(int k) {
        int n = Math.min(k, neighbours);
        int best = 0;
        for (int i = 0; i < n; i++) {
            best = Math.max(best, ++votes[neighbourClasses[i]]);
        }
        int winner = -1;
        for (int i = 0; i < n && winner < 0; i++) {
            if (votes[neighbourClasses[i]] == best) {
                winner = neighbourClasses[i];
            }
        }
        for (int i = 0; i < n; i++) {
            votes[neighbourClasses[i]] = 0;
        }
        return winner;
    }
}
