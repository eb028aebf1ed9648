package org.metriclab.eval.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What a critical-difference diagram shows (Demšar 2006, §3.2.4): each treatment's average rank over the blocks
 * (1 = best) and the cliques, the maximal groups of treatments adjacent in rank order that no post-hoc test
 * separates.
 * <ul>
 *   <li>{@link PostHoc#NEMENYI}: two treatments differ when their average ranks differ by at least
 *       CD = q_α·√(k(k+1)/(6N)) ({@link Nemenyi}); a clique is a maximal run whose rank range is below CD.</li>
 *   <li>{@link PostHoc#WILCOXON_HOLM}: every pair is tested with the two-sided Wilcoxon signed-rank test on the blocks'
 *       scores and the k(k−1)/2 p-values are Holm-corrected (Benavoli, Corani &amp; Mangili 2016); a clique is a
 *       maximal run in which no pair is significant at α. {@link #cd} is NaN.</li>
 * </ul>
 * Runs contained in a longer one are dropped, and so are single treatments (they need no bar).
 *
 * @param names   the treatments, best average rank first
 * @param ranks   their average ranks, ascending
 * @param cliques the groups joined by a bar, as inclusive index ranges into {@code names}, ordered by first index
 */
public record CriticalDifference(List<String> names, double[] ranks, int blocks, PostHoc test, double alpha, double cd,
        List<Clique> cliques) {
    /** The post-hoc procedure that decides which treatments differ. */
    public enum PostHoc {
        NEMENYI, WILCOXON_HOLM
    }

    /** Treatments {@code first..last} (indices in rank order, inclusive) do not differ significantly. */
    public record Clique(int first, int last) {
    }

    public CriticalDifference {
        names = List.copyOf(names);
        ranks = ranks.clone();
        cliques = List.copyOf(cliques);
    }

    @Override
    public double[] ranks() {
        return ranks.clone();
    }

    /**
     * The analysis of {@code scores[block][treatment]} (higher is better when {@code higherIsBetter}); at least 2
     * blocks and 2 treatments, all scores finite.
     */
    public static CriticalDifference of(List<String> treatments, double[][] scores, boolean higherIsBetter, PostHoc test, double alpha) {
        if (scores.length < 2 || treatments.size() < 2) {
            throw new IllegalArgumentException("a critical-difference diagram needs at least 2 learners and 2 datasets with scores for every"
                    + " learner, got " + treatments.size() + " learners and " + scores.length + " datasets");
        }
        if (scores[0].length != treatments.size()) {
            throw new IllegalArgumentException(treatments.size() + " treatment names for " + scores[0].length + " columns of scores");
        }
        double[] avg = Friedman.averageRanks(scores, higherIsBetter);
        Integer[] order = sortedByRank(avg);
        List<String> names = new ArrayList<>();
        double[] ranks = new double[avg.length];
        for (int i = 0; i < order.length; i++) {
            names.add(treatments.get(order[i]));
            ranks[i] = avg[order[i]];
        }
        if (test == PostHoc.NEMENYI) {
            double cd = Nemenyi.criticalDifference(avg.length, scores.length, alpha);
            return new CriticalDifference(names, ranks, scores.length, test, alpha, cd, nemenyiCliques(ranks, cd));
        }
        boolean[][] differ = holmWilcoxon(scores, order, alpha);
        return new CriticalDifference(names, ranks, scores.length, test, alpha, Double.NaN, cliques(ranks.length, (a, b) -> !differ[a][b]));
    }

    /** Nemenyi cliques of already known average ranks over {@code blocks} blocks (as Demšar's worked example gives them). */
    public static CriticalDifference nemenyi(List<String> treatments, double[] averageRanks, int blocks, double alpha) {
        Integer[] order = sortedByRank(averageRanks);
        List<String> names = new ArrayList<>();
        double[] ranks = new double[averageRanks.length];
        for (int i = 0; i < order.length; i++) {
            names.add(treatments.get(order[i]));
            ranks[i] = averageRanks[order[i]];
        }
        double cd = Nemenyi.criticalDifference(ranks.length, blocks, alpha);
        return new CriticalDifference(names, ranks, blocks, PostHoc.NEMENYI, alpha, cd, nemenyiCliques(ranks, cd));
    }

    private static Integer[] sortedByRank(double[] avg) {
        Integer[] order = new Integer[avg.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> avg[i]));
        return order;
    }

    private static List<Clique> nemenyiCliques(double[] ranks, double cd) {
        return cliques(ranks.length, (a, b) -> Math.abs(ranks[b] - ranks[a]) < cd);
    }

    /** Whether treatments a and b (indices in rank order) are not significantly different. */
    private interface Same {
        boolean test(int a, int b);
    }

    /** The maximal runs [i, j], j > i, in which every pair is {@code same}, not contained in an earlier run. */
    private static List<Clique> cliques(int k, Same same) {
        List<Clique> out = new ArrayList<>();
        int reach = 0;
        for (int i = 0; i < k; i++) {
            int j = i;
            while (j + 1 < k && joins(i, j + 1, same)) {
                j++;
            }
            if (j > i && j > reach) {
                out.add(new Clique(i, j));
            }
            reach = Math.max(reach, j);
        }
        return out;
    }

    /** Whether treatment {@code next} is the same as each of {@code first..next−1}. */
    private static boolean joins(int first, int next, Same same) {
        for (int a = first; a < next; a++) {
            if (!same.test(a, next)) {
                return false;
            }
        }
        return true;
    }

    /** {@code differ[a][b]} for treatments in rank order: Holm-corrected two-sided Wilcoxon signed-rank p ≤ α. */
    private static boolean[][] holmWilcoxon(double[][] scores, Integer[] order, double alpha) {
        int k = order.length;
        double[] p = new double[k * (k - 1) / 2];
        int at = 0;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                p[at++] = WilcoxonSignedRank.test(column(scores, order[a]), column(scores, order[b])).pValue();
            }
        }
        double[] adjusted = Holm.adjust(p);
        boolean[][] differ = new boolean[k][k];
        at = 0;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                differ[a][b] = adjusted[at] <= alpha;
                differ[b][a] = differ[a][b];
                at++;
            }
        }
        return differ;
    }

    private static double[] column(double[][] scores, int j) {
        double[] out = new double[scores.length];
        for (int b = 0; b < scores.length; b++) {
            out[b] = scores[b][j];
        }
        return out;
    }
}
