package org.metriclab.eval.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The risk–coverage curve of a predictor that answers when its confidence is at least a threshold t and abstains
 * otherwise (Geifman and El-Yaniv, 2017). Each distinct confidence value is one threshold: coverage(t) is the
 * share of queries with confidence ≥ t, risk(t) the error rate among them. Tied confidences are accepted or
 * rejected together.
 *
 * <p>AURC = (1/n) Σᵢ risk(confidenceᵢ): the mean, over the queries, of the risk at the threshold that just accepts
 * that query, i.e. the area under the step curve of risk against coverage.
 */
public final class RiskCoverage {
    private final List<Point> points;
    private final double aurc;
    private final int n;

    /**
     * One threshold of the curve.
     *
     * @param threshold the confidence threshold (answers when confidence ≥ threshold)
     * @param accepted  queries answered
     * @param errors    wrong answers among them
     * @param coverage  accepted / n
     * @param risk      errors / accepted
     */
    public record Point(double threshold, int accepted, int errors, double coverage, double risk) {
        public double accuracy() {
            return 1 - risk;
        }
    }

    private RiskCoverage(List<Point> points, double aurc, int n) {
        this.points = points;
        this.aurc = aurc;
        this.n = n;
    }

    /** The curve of queries with these confidences (finite) and correctness. */
    public static RiskCoverage of(double[] confidence, boolean[] correct) {
        int n = confidence.length;
        if (n == 0 || correct.length != n) {
            throw new IllegalArgumentException("risk-coverage needs one correctness flag per confidence and at least one query");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(confidence[i])) {
                throw new IllegalArgumentException("confidence of query " + i + " is NaN; expected a number");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(confidence[b], confidence[a]));
        List<Point> points = new ArrayList<>();
        int accepted = 0;
        int errors = 0;
        double area = 0;
        int i = 0;
        while (i < n) {
            double t = confidence[order[i]];
            int group = 0;
            while (i < n && confidence[order[i]] == t) {
                errors += correct[order[i]] ? 0 : 1;
                accepted++;
                group++;
                i++;
            }
            double risk = errors / (double) accepted;
            area += group * risk;
            points.add(new Point(t, accepted, errors, accepted / (double) n, risk));
        }
        return new RiskCoverage(List.copyOf(points), area / n, n);
    }

    /** The thresholds from the most confident down, coverage rising to 1. */
    public List<Point> points() {
        return points;
    }

    /** The area under the risk–coverage curve (lower is better). */
    public double aurc() {
        return aurc;
    }

    /**
     * The point of the highest threshold whose coverage is at least {@code coverage} (in (0, 1]): the accuracy a
     * user gets when answering at least that share of the queries.
     */
    public Point atCoverage(double coverage) {
        if (!(coverage > 0 && coverage <= 1)) {
            throw new IllegalArgumentException("coverage " + coverage + " is outside (0, 1]");
        }
        long needed = (long) Math.ceil(coverage * n - 1e-9);
        for (Point p : points) {
            if (p.accepted() >= needed) {
                return p;
            }
        }
        return points.get(points.size() - 1);
    }

    /** The point reached by answering when confidence ≥ {@code threshold}; empty coverage gives risk NaN. */
    public Point atThreshold(double threshold) {
        Point last = new Point(threshold, 0, 0, 0, Double.NaN);
        for (Point p : points) {
            if (p.threshold() < threshold) {
                break;
            }
            last = p;
        }
        return last;
    }

    /** The highest threshold that rejects at most {@code rate} of the queries (rate in [0, 1)). */
    public double thresholdForRejectRate(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("reject rate " + rate + " is outside [0, 1); e.g. 0.1 abstains on the least confident 10%");
        }
        return atCoverage(Math.max(Double.MIN_VALUE, 1 - rate)).threshold();
    }
}
