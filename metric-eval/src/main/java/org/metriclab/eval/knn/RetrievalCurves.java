package org.metriclab.eval.knn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.metriclab.eval.RankMeasure;

/**
 * Retrieval curves as functions of one query's {@link RankedHits}, so that the ranking engine computes them in the
 * same exact pass as every other per-query measure:
 * <ul>
 *   <li>P@k = #{i : p_i ≤ k} / k (positions beyond the reference set count as misses, as precision_at_k);</li>
 *   <li>R@k = #{i : p_i ≤ k} / R, the fraction of the query's relevant references among its k nearest (the IR recall,
 *       not the hit rate that the recall_at_k measure reports);</li>
 *   <li>the interpolated precision–recall curve over the full ranking: at recall level r, the largest precision
 *       i / p_i at any relevant rank whose recall i / R is at least r (the TREC convention, 21 levels 0, 0.05, …, 1).</li>
 * </ul>
 * {@link #pointMeasures} lists every point as a {@link RankMeasure}, in the order {@link #means} reads them back.
 */
public final class RetrievalCurves {
    /** The deepest cut-off by default: P@k and R@k for k = 1..100. */
    public static final int DEFAULT_MAX_K = 100;
    /** The recall levels of the precision–recall curve: 0, 0.05, …, 1. */
    public static final int RECALL_LEVELS = 21;

    private RetrievalCurves() {
    }

    /** The curves averaged over queries: P@k and R@k at k = 1..maxK, and interpolated precision per recall level. */
    public record Means(double[] precisionAtK, double[] recallAtK, double[] recallLevels, double[] interpolatedPrecision) {
        public Means {
            precisionAtK = precisionAtK.clone();
            recallAtK = recallAtK.clone();
            recallLevels = recallLevels.clone();
            interpolatedPrecision = interpolatedPrecision.clone();
        }

        public int maxK() {
            return precisionAtK.length;
        }
    }

    /** P@k of one query. */
    public static double precisionAt(RankedHits hits, int k) {
        return hits.relevantWithin(k) / (double) k;
    }

    /** R@k of one query: the fraction of its relevant references among the k nearest. */
    public static double recallAt(RankedHits hits, int k) {
        return hits.relevantWithin(k) / (double) hits.relevant();
    }

    /** The interpolated precision of one query at recall level {@code recall} in [0, 1]. */
    public static double interpolatedPrecision(RankedHits hits, double recall) {
        int r = hits.relevant();
        // the first relevant hit i (1-based) whose recall i / R reaches the level; exact for the levels j / 20
        int from = Math.max(1, (int) Math.ceil(recall * r - 1e-9));
        double best = 0;
        for (int i = from; i <= r; i++) {
            best = Math.max(best, i / (double) hits.rank(i - 1));
        }
        return best;
    }

    /** Recall level j of {@link #RECALL_LEVELS}: j / 20. */
    public static double recallLevel(int j) {
        return j / (double) (RECALL_LEVELS - 1);
    }

    /**
     * Every curve point as a per-query measure: P@1..P@maxK, R@1..R@maxK, then the interpolated precision at each
     * recall level; {@code 2·maxK + RECALL_LEVELS} measures.
     */
    public static List<RankMeasure> pointMeasures(int maxK) {
        if (maxK < 1) {
            throw new IllegalArgumentException("retrieval curves need a deepest cut-off k of at least 1, got " + maxK);
        }
        List<RankMeasure> out = new ArrayList<>(2 * maxK + RECALL_LEVELS);
        for (int k = 1; k <= maxK; k++) {
            int kk = k;
            out.add(h -> precisionAt(h, kk));
        }
        for (int k = 1; k <= maxK; k++) {
            int kk = k;
            out.add(h -> recallAt(h, kk));
        }
        for (int j = 0; j < RECALL_LEVELS; j++) {
            double level = recallLevel(j);
            out.add(h -> interpolatedPrecision(h, level));
        }
        return out;
    }

    /** How many measures {@link #pointMeasures} lists for this cut-off. */
    public static int pointCount(int maxK) {
        return 2 * maxK + RECALL_LEVELS;
    }

    /**
     * The curves from the engine's row-major per-query values: the {@link #pointMeasures} occupy columns
     * {@code first .. first + pointCount(maxK) − 1} of rows of length {@code stride}; lone queries (NaN) are left out.
     * Every value is NaN when every query is lone.
     */
    public static Means means(double[] perQuery, int queries, int stride, int first, int maxK) {
        int points = pointCount(maxK);
        double[] sum = new double[points];
        long n = 0;
        for (int q = 0; q < queries; q++) {
            int at = q * stride + first;
            if (Double.isNaN(perQuery[at])) {
                continue;
            }
            n++;
            for (int j = 0; j < points; j++) {
                sum[j] += perQuery[at + j];
            }
        }
        double[] mean = new double[points];
        for (int j = 0; j < points; j++) {
            mean[j] = n == 0 ? Double.NaN : sum[j] / n;
        }
        double[] levels = new double[RECALL_LEVELS];
        for (int j = 0; j < RECALL_LEVELS; j++) {
            levels[j] = recallLevel(j);
        }
        return new Means(Arrays.copyOfRange(mean, 0, maxK), Arrays.copyOfRange(mean, maxK, 2 * maxK), levels,
                Arrays.copyOfRange(mean, 2 * maxK, points));
    }
}
