package org.metriclab.eval.verify;

import java.util.Arrays;
import java.util.Optional;

/**
 * Verification error rates of a pair sample, for a verifier that accepts a pair when its squared distance d
 * satisfies d ≤ t (equal distances are accepted together). With P positive (same-label) and N negative
 * (different-label) pairs:
 * <ul>
 *   <li>TAR(t) = #{positive d ≤ t} / P, FNMR(t) = 1 − TAR(t) = #{positive d &gt; t} / P;</li>
 *   <li>FAR(t) = FMR(t) = #{negative d ≤ t} / N.</li>
 * </ul>
 * TAR@FAR x (and FNMR@FMR x) is taken at the largest float64 threshold t with FAR(t) ≤ x, which maximises TAR
 * under that constraint: with a = ⌊x·N⌋ (exact integer arithmetic for x = 10⁻ᵉ) and n₍ₐ₊₁₎ the (a+1)-th smallest
 * negative distance, t is the float64 just below n₍ₐ₊₁₎, so exactly the positives strictly closer than n₍ₐ₊₁₎
 * are accepted. A rate at FAR x is estimable only from at least ⌈1/x⌉ = 10ᵉ negative pairs (the same rule as DIR@FAR's
 * ⌈1/x⌉ unknown probes, {@link OpenSetIdentification}): with fewer, a = 0 would report the FAR = 0 point, which says
 * nothing about FAR x, so TAR, FNMR and their threshold are NaN and {@link #notEstimable} says how many pairs are needed.
 * EER = min over the observed distances t of max(FAR(t), FNMR(t)), at the smallest t attaining it. Every value is
 * NaN without a positive or without a negative pair.
 */
public final class VerificationRates {
    private final double[] positives;
    private final double[] negatives;

    private VerificationRates(double[] positives, double[] negatives) {
        this.positives = positives;
        this.negatives = negatives;
    }

    /** The rates of this sample (its strata must be sorted ascending, as {@link PairSample} holds them). */
    public static VerificationRates of(PairSample sample) {
        return new VerificationRates(sample.positives(), sample.negatives());
    }

    private boolean undefined() {
        return positives.length == 0 || negatives.length == 0;
    }

    /** Negative pairs needed to estimate a rate at FAR ≤ 10^−exponent: ⌈1/10^−exponent⌉ = 10^exponent. */
    public static long negativesNeeded(int exponent) {
        if (exponent < 1 || exponent > 18) {
            throw new IllegalArgumentException("FAR exponent must be 1..18, got " + exponent);
        }
        long power = 1;
        for (int i = 0; i < exponent; i++) {
            power *= 10;
        }
        return power;
    }

    /** Whether TAR and FNMR at FAR ≤ 10^−exponent are estimable: a positive pair and at least 10^exponent negative pairs. */
    public boolean estimable(int exponent) {
        long needed = negativesNeeded(exponent);
        return positives.length > 0 && negatives.length >= needed;
    }

    /**
     * Why the rates at FAR ≤ 10^−exponent are NaN, in one line ("needs at least 1000 different-label pairs, has 435"),
     * or empty when they are {@link #estimable}.
     */
    public Optional<String> notEstimable(int exponent) {
        if (estimable(exponent)) {
            return Optional.empty();
        }
        return Optional.of(positives.length == 0 ? "needs at least one same-label pair, has none"
                : "needs at least " + negativesNeeded(exponent) + " different-label pairs, has " + negatives.length);
    }

    /** TAR at FAR ≤ 10^−exponent, with its threshold; NaN when not {@link #estimable}. */
    public OperatingPoint tarAtFar(int exponent) {
        if (!estimable(exponent)) {
            return OperatingPoint.UNDEFINED;
        }
        long accepted = acceptedAtFar(exponent);
        return new OperatingPoint(accepted / (double) positives.length, thresholdAtFar(exponent));
    }

    /** FNMR at FMR ≤ 10^−exponent (the same threshold as {@link #tarAtFar}), with its threshold; NaN when not {@link #estimable}. */
    public OperatingPoint fnmrAtFmr(int exponent) {
        if (!estimable(exponent)) {
            return OperatingPoint.UNDEFINED;
        }
        long rejected = positives.length - acceptedAtFar(exponent);
        return new OperatingPoint(rejected / (double) positives.length, thresholdAtFar(exponent));
    }

    /** The positives accepted at the largest threshold with FAR ≤ 10^−exponent: those below n₍ₐ₊₁₎. */
    private long acceptedAtFar(int exponent) {
        return below(positives, negatives[allowedNegatives(exponent)]);
    }

    private double thresholdAtFar(int exponent) {
        return Math.nextDown(negatives[allowedNegatives(exponent)]);
    }

    /** a = ⌊N / 10^exponent⌋, the most negatives FAR ≤ 10^−exponent allows (below N, as exponent ≥ 1). */
    private int allowedNegatives(int exponent) {
        return (int) (negatives.length / negativesNeeded(exponent));
    }

    /** The equal error rate max(FAR, FNMR) minimised over the observed distances, with its threshold. */
    public OperatingPoint eer() {
        if (undefined()) {
            return OperatingPoint.UNDEFINED;
        }
        int p = positives.length;
        int n = negatives.length;
        int i = 0;
        int j = 0;
        double best = Double.POSITIVE_INFINITY;
        double at = Double.NaN;
        while (i < p || j < n) {
            double t = j == n || (i < p && positives[i] <= negatives[j]) ? positives[i] : negatives[j];
            while (i < p && positives[i] <= t) {
                i++;
            }
            while (j < n && negatives[j] <= t) {
                j++;
            }
            double worse = Math.max(j / (double) n, (p - i) / (double) p);
            if (worse < best) {
                best = worse;
                at = t;
            }
        }
        return new OperatingPoint(best, at);
    }

    /** The number of values in the ascending {@code sorted} that are below {@code v}. */
    static long below(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** For tests and callers holding raw arrays: the rates of these distances (copied and sorted). */
    public static VerificationRates ofUnsorted(double[] positives, double[] negatives) {
        double[] p = positives.clone();
        double[] n = negatives.clone();
        Arrays.sort(p);
        Arrays.sort(n);
        return new VerificationRates(p, n);
    }
}
