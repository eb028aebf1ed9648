package org.metriclab.eval.stats;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.FDistribution;

/**
 * Friedman's test for k treatments (learners) on N blocks (datasets), with average ranks for a
 * critical-difference summary (Demšar 2006, §3.2.2).
 * <ul>
 *   <li>Within each block the k scores are ranked, 1 = best (highest score when {@code higherIsBetter}),
 *       ties mid-ranked; {@code averageRanks[j]} is treatment j's mean rank over blocks.</li>
 *   <li>{@code chiSquare} = [12N/(k(k+1)) · (Σ R_j² − k(k+1)²/4)] / [1 − Σ(t³−t)/(N(k³−k))], the tie-corrected
 *       Friedman statistic (Hollander &amp; Wolfe 1973, §7.1; R's {@code friedman.test}), k − 1 degrees of freedom.</li>
 *   <li>{@code imanDavenport} = (N−1)χ²/(N(k−1) − χ²), F-distributed with (k−1, (k−1)(N−1)) degrees of freedom
 *       (Iman &amp; Davenport 1980), the less conservative variant Demšar recommends.</li>
 * </ul>
 */
public record Friedman(int blocks, int treatments, double[] averageRanks, double chiSquare, double pValue,
        double imanDavenport, double imanDavenportPValue) {
    public Friedman {
        averageRanks = averageRanks.clone();
    }

    @Override
    public double[] averageRanks() {
        return averageRanks.clone();
    }

    /** {@code scores[block][treatment]}; at least 2 blocks and 2 treatments, all finite. */
    public static Friedman test(double[][] scores, boolean higherIsBetter) {
        if (scores == null || scores.length < 2) {
            throw new IllegalArgumentException("Friedman's test needs at least 2 blocks (rows of scores[block][treatment]), got "
                    + (scores == null ? 0 : scores.length));
        }
        double[] avg = averageRanks(scores, higherIsBetter);
        int n = scores.length;
        int k = avg.length;
        double ties = 0;
        for (double[] row : scores) {
            ties += Ranks.tieSum(row);
        }
        double correction = 1 - ties / (n * ((double) k * k * k - k));
        double chi = correction <= 0 ? 0 : uncorrected(avg, n) / correction;
        return of(n, avg, chi);
    }

    /**
     * Each treatment's mean rank over the blocks of {@code scores[block][treatment]} (1 = best; ties mid-ranked);
     * works for a single block too.
     */
    public static double[] averageRanks(double[][] scores, boolean higherIsBetter) {
        if (scores == null || scores.length == 0) {
            throw new IllegalArgumentException("ranking needs at least 1 block (row of scores[block][treatment]), got none");
        }
        int n = scores.length;
        int k = scores[0].length;
        if (k < 2) {
            throw new IllegalArgumentException("Friedman's test needs at least 2 treatments (columns), got " + k);
        }
        double[] sum = new double[k];
        for (int b = 0; b < n; b++) {
            if (scores[b].length != k) {
                throw new IllegalArgumentException("scores[" + b + "] has " + scores[b].length + " treatments, expected " + k);
            }
            Checks.finite(scores[b], "scores[" + b + "]");
            double[] row = scores[b].clone();
            if (higherIsBetter) {
                for (int j = 0; j < k; j++) {
                    row[j] = -row[j];
                }
            }
            double[] r = Ranks.ascending(row);
            for (int j = 0; j < k; j++) {
                sum[j] += r[j];
            }
        }
        double[] avg = new double[k];
        for (int j = 0; j < k; j++) {
            avg[j] = sum[j] / n;
        }
        return avg;
    }

    /** Demšar's (2006) form from average ranks alone (no tie correction): used when only the ranks are known. */
    public static Friedman fromAverageRanks(double[] averageRanks, int blocks) {
        Checks.finite(averageRanks, "averageRanks");
        if (averageRanks.length < 2 || blocks < 2) {
            throw new IllegalArgumentException("need at least 2 treatments and 2 blocks, got " + averageRanks.length + " and " + blocks);
        }
        return of(blocks, averageRanks.clone(), uncorrected(averageRanks, blocks));
    }

    private static double uncorrected(double[] avg, int n) {
        int k = avg.length;
        double ss = 0;
        for (double r : avg) {
            ss += r * r;
        }
        return 12.0 * n / (k * (k + 1.0)) * (ss - k * (k + 1.0) * (k + 1.0) / 4);
    }

    private static Friedman of(int n, double[] avg, double chi) {
        int k = avg.length;
        chi = Math.max(0, chi);
        double p = 1 - new ChiSquaredDistribution(k - 1).cumulativeProbability(chi);
        double denom = n * (k - 1.0) - chi;
        double f = denom <= 0 ? Double.POSITIVE_INFINITY : (n - 1.0) * chi / denom;
        double fp = Double.isInfinite(f) ? 0 : 1 - new FDistribution(k - 1, (k - 1.0) * (n - 1)).cumulativeProbability(f);
        return new Friedman(n, k, avg, chi, clamp(p), f, clamp(fp));
    }

    private static double clamp(double p) {
        return Math.max(0, Math.min(1, p));
    }

    /** The Nemenyi critical difference for these treatments and blocks at level {@code alpha}. */
    public double criticalDifference(double alpha) {
        return Nemenyi.criticalDifference(treatments, blocks, alpha);
    }
}
