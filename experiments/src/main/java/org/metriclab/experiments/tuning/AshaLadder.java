package org.metriclab.experiments.tuning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The decisions of asynchronous successive halving (ASHA; Li et al., "A System for Massively Parallel
 * Hyperparameter Tuning", MLSys 2020) for one search: which candidates finished at which rung with which score,
 * and what to evaluate next. A candidate moves on from rung k once it is among the top floor(n/eta) of the n
 * candidates finished at rung k; promotions are tried from the highest rung down and take the best such
 * candidate, and a new candidate starts only when none can move on. The next job depends only on the recorded
 * scores and their order, so a search that records its evaluations one after another is deterministic.
 */
final class AshaLadder {
    /** What the search evaluates next. */
    sealed interface Job {
    }

    /** Evaluate {@code candidate} again at {@code rung} (one above the highest it has finished). */
    record Promote(int candidate, int rung) implements Job {
    }

    /** Propose a new candidate and evaluate it at the first rung. */
    record Start() implements Job {
    }

    /** Nothing is left that the budget allows. */
    record Stop() implements Job {
    }

    private record Entry(int candidate, double score) {
        double rank() {
            return Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
        }
    }

    private static final Comparator<Entry> BEST_FIRST = Comparator.comparingDouble(Entry::rank).reversed().thenComparingInt(Entry::candidate);

    private final int eta;
    private final List<List<Entry>> rungs = new ArrayList<>();
    private final Map<Integer, Integer> reached = new HashMap<>();

    AshaLadder(int rungCount, int eta) {
        if (rungCount < 1 || eta < 2) {
            throw new IllegalArgumentException("ASHA needs at least one rung and eta >= 2, found " + rungCount + " and " + eta);
        }
        this.eta = eta;
        for (int r = 0; r < rungCount; r++) {
            rungs.add(new ArrayList<>());
        }
    }

    /** Records that {@code candidate} finished {@code rung} with the mean validation score {@code score} (NaN: failed). */
    void record(int candidate, int rung, double score) {
        int expected = reached.getOrDefault(candidate, -1) + 1;
        if (rung != expected || rung >= rungs.size()) {
            throw new IllegalStateException("candidate " + candidate + " finished rung " + rung + ", expected rung " + expected);
        }
        rungs.get(rung).add(new Entry(candidate, score));
        reached.put(candidate, rung);
    }

    /**
     * The next job: a promotion when {@code mayPromote} and one is earned, else a new candidate when {@code mayStart},
     * else stop.
     */
    Job next(boolean mayStart, boolean mayPromote) {
        if (mayPromote) {
            for (int k = rungs.size() - 2; k >= 0; k--) {
                List<Entry> ranked = new ArrayList<>(rungs.get(k));
                ranked.sort(BEST_FIRST);
                for (Entry e : ranked.subList(0, ranked.size() / eta)) {
                    if (reached.get(e.candidate()) == k) {
                        return new Promote(e.candidate(), k + 1);
                    }
                }
            }
        }
        return mayStart ? new Start() : new Stop();
    }

    /** The highest rung {@code candidate} finished; -1 before its first. */
    int rungOf(int candidate) {
        return reached.getOrDefault(candidate, -1);
    }

    /** The best candidate of the highest rung any candidate finished (the lower number of equal scores); empty before any. */
    OptionalInt best() {
        for (int k = rungs.size() - 1; k >= 0; k--) {
            if (!rungs.get(k).isEmpty()) {
                return OptionalInt.of(rungs.get(k).stream().min(BEST_FIRST).orElseThrow().candidate());
            }
        }
        return OptionalInt.empty();
    }
}
