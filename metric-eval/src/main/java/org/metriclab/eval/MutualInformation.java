package org.metriclab.eval;

import java.util.Arrays;

/**
 * Normalised and adjusted mutual information between a labelling and a cluster assignment, exactly as
 * scikit-learn 1.2 {@code normalized_mutual_info_score} / {@code adjusted_mutual_info_score} with
 * {@code average_method="arithmetic"} (natural logarithms; the expected mutual information of the
 * hypergeometric model for AMI, Vinh, Epps &amp; Bailey 2010).
 *
 * <p>Special cases as in scikit-learn: both sides a single class (or empty) → 1.0; NMI is 0.0 when MI is 0;
 * AMI's denominator is kept at least float64 eps in magnitude.
 */
public final class MutualInformation {
    private static final double EPS = Math.ulp(1.0);

    private MutualInformation() {
    }

    /** Normalised mutual information (arithmetic mean of the entropies). */
    public static double nmi(int[] labels, int[] clusters) {
        Table t = new Table(labels, clusters);
        if (t.rows == t.cols && (t.rows == 1 || t.rows == 0)) {
            return 1.0;
        }
        double mi = t.mutualInformation();
        if (mi == 0) {
            return 0.0;
        }
        return mi / ((entropy(t.rowSums, t.n) + entropy(t.colSums, t.n)) / 2);
    }

    /** Adjusted mutual information (arithmetic mean of the entropies). */
    public static double ami(int[] labels, int[] clusters) {
        Table t = new Table(labels, clusters);
        if (t.rows == t.cols && (t.rows == 1 || t.rows == 0)) {
            return 1.0;
        }
        double mi = t.mutualInformation();
        double emi = t.expectedMutualInformation();
        double normalizer = (entropy(t.rowSums, t.n) + entropy(t.colSums, t.n)) / 2;
        double denominator = normalizer - emi;
        denominator = denominator < 0 ? Math.min(denominator, -EPS) : Math.max(denominator, EPS);
        return (mi - emi) / denominator;
    }

    private static double entropy(long[] counts, long n) {
        if (counts.length <= 1) {
            return 0.0;
        }
        double s = 0;
        double logN = Math.log(n);
        for (long c : counts) {
            double p = c / (double) n;
            s += p * (Math.log(c) - logN);
        }
        return -s;
    }

    /** log(n!) accurate to a few ulps: direct sum below 256, Stirling's series above. */
    static double logFactorial(long n) {
        if (n < 2) {
            return 0.0;
        }
        if (n < 256) {
            return SMALL_LOG_FACTORIALS[(int) n];
        }
        double x = n;
        double x2 = x * x;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x)
                + 1 / (12 * x) - 1 / (360 * x * x2) + 1 / (1260 * x * x2 * x2);
    }

    private static final double[] SMALL_LOG_FACTORIALS = new double[256];

    static {
        double s = 0;
        for (int i = 2; i < 256; i++) {
            s += Math.log(i);
            SMALL_LOG_FACTORIALS[i] = s;
        }
    }

    /** Contingency table with rows = distinct labels, columns = distinct clusters (both ascending). */
    private static final class Table {
        final long n;
        final int rows;
        final int cols;
        final long[] rowSums;
        final long[] colSums;
        final long[] cells;

        Table(int[] labels, int[] clusters) {
            if (labels == null || clusters == null) {
                throw new IllegalArgumentException("labels and clusters must not be null");
            }
            if (labels.length != clusters.length) {
                throw new IllegalArgumentException("labels has " + labels.length + " entries but clusters has "
                        + clusters.length + ": expected one cluster id per label");
            }
            n = labels.length;
            int[] ls = Arrays.stream(labels).distinct().sorted().toArray();
            int[] cs = Arrays.stream(clusters).distinct().sorted().toArray();
            rows = ls.length;
            cols = cs.length;
            rowSums = new long[rows];
            colSums = new long[cols];
            cells = new long[rows * cols];
            for (int i = 0; i < labels.length; i++) {
                int r = Arrays.binarySearch(ls, labels[i]);
                int c = Arrays.binarySearch(cs, clusters[i]);
                rowSums[r]++;
                colSums[c]++;
                cells[r * cols + c]++;
            }
        }

        double mutualInformation() {
            if (rows == 1 || cols == 1) {
                return 0.0;
            }
            double logN = Math.log(n);
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    long v = cells[r * cols + c];
                    if (v == 0) {
                        continue;
                    }
                    double p = v / (double) n;
                    double logOuter = -Math.log((double) (rowSums[r] * colSums[c])) + logN + logN;
                    double term = p * (Math.log(v) - logN) + p * logOuter;
                    sum += Math.abs(term) < EPS ? 0.0 : term;
                }
            }
            return Math.max(0.0, sum);
        }

        double expectedMutualInformation() {
            if (rows == 1 || cols == 1) {
                return 0.0;
            }
            double logN = Math.log(n);
            double glnN = logFactorial(n);
            double emi = 0;
            for (long a : rowSums) {
                for (long b : colSums) {
                    long lo = Math.max(1, a - n + b);
                    long hi = Math.min(a, b);
                    double fixed = logFactorial(a) + logFactorial(b) + logFactorial(n - a) + logFactorial(n - b) - glnN;
                    double logAB = Math.log(a) + Math.log(b);
                    for (long nij = lo; nij <= hi; nij++) {
                        double term1 = nij / (double) n;
                        double term2 = logN + Math.log(nij) - logAB;
                        double gln = fixed - logFactorial(nij) - logFactorial(a - nij) - logFactorial(b - nij)
                                - logFactorial(n - a - b + nij);
                        emi += term1 * term2 * Math.exp(gln);
                    }
                }
            }
            return emi;
        }
    }
}
