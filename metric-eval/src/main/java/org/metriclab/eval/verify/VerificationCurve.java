package org.metriclab.eval.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ROC and DET curves of a pair sample, for a verifier that accepts a pair when its squared distance is at most a
 * threshold. Each point is an exact vertex of the empirical curve, taken at a grid of false-accept budgets x: the
 * largest threshold whose FAR is at most x (as {@link VerificationRates#tarAtFar} takes it: a = ⌊x·N⌋ negatives may be
 * accepted, so every pair strictly closer than the (a+1)-th smallest negative distance is), giving
 * FAR = #{negative d &lt; n₍ₐ₊₁₎} / N and TAR = #{positive d &lt; n₍ₐ₊₁₎} / P. The grid holds x = 0, ten
 * log-spaced budgets per decade from 10⁻⁹ to 1 and every multiple of 0.01, so both the low-FAR end (log axes) and
 * the whole curve (linear axes) are drawn from exact points; budgets that accept the same negatives give one point.
 * The last point accepts every pair (FAR = TAR = 1).
 *
 * @param far        false accept rates (= FMR), ascending
 * @param tar        true accept rates at the same thresholds, ascending
 * @param thresholds the squared-distance thresholds (+∞ for the last point)
 */
public record VerificationCurve(double[] far, double[] tar, double[] thresholds) {
    public VerificationCurve {
        if (far.length != tar.length || far.length != thresholds.length) {
            throw new IllegalArgumentException("a verification curve needs as many FAR, TAR and threshold values, got "
                    + far.length + ", " + tar.length + " and " + thresholds.length);
        }
        far = far.clone();
        tar = tar.clone();
        thresholds = thresholds.clone();
    }

    @Override
    public double[] far() {
        return far.clone();
    }

    @Override
    public double[] tar() {
        return tar.clone();
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** The DET curve's y values: FNMR = 1 − TAR at each point (its x values are {@link #far()}). */
    public double[] fnmr() {
        double[] out = new double[tar.length];
        for (int i = 0; i < tar.length; i++) {
            out[i] = 1 - tar[i];
        }
        return out;
    }

    /** The curve of this sample (strata sorted ascending, as {@link PairSample} holds them); empty without a positive or a negative pair. */
    public static VerificationCurve of(PairSample sample) {
        double[] pos = sample.positives();
        double[] neg = sample.negatives();
        int n = neg.length;
        if (pos.length == 0 || n == 0) {
            return new VerificationCurve(new double[0], new double[0], new double[0]);
        }
        List<Long> budgets = new ArrayList<>();
        budgets.add(0L);
        for (int tenth = 90; tenth >= 0; tenth--) {
            // 10^(−tenth/10)·N; whole decades in exact integer arithmetic, as VerificationRates counts them
            budgets.add(tenth % 10 == 0 ? n / pow10(tenth / 10) : (long) Math.floor(Math.pow(10, -tenth / 10.0) * n));
        }
        for (int c = 1; c <= 100; c++) {
            budgets.add((long) c * n / 100);
        }
        long[] allowed = budgets.stream().mapToLong(Long::longValue).map(a -> Math.min(a, n)).distinct().sorted().toArray();
        double[] far = new double[allowed.length];
        double[] tar = new double[allowed.length];
        double[] thr = new double[allowed.length];
        int m = 0;
        long lastAccepted = -1;
        for (long a : allowed) {
            double cut = a == n ? Double.POSITIVE_INFINITY : neg[(int) a];
            long acceptedNeg = a == n ? n : VerificationRates.below(neg, cut);
            if (acceptedNeg == lastAccepted) {
                continue;
            }
            lastAccepted = acceptedNeg;
            far[m] = acceptedNeg / (double) n;
            tar[m] = (a == n ? pos.length : VerificationRates.below(pos, cut)) / (double) pos.length;
            thr[m] = a == n ? Double.POSITIVE_INFINITY : Math.nextDown(cut);
            m++;
        }
        return new VerificationCurve(Arrays.copyOf(far, m), Arrays.copyOf(tar, m), Arrays.copyOf(thr, m));
    }

    private static long pow10(int e) {
        long p = 1;
        for (int i = 0; i < e; i++) {
            p *= 10;
        }
        return p;
    }
}
