package org.metriclab.eval.verify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Open-set identification (Phillips, Grother and Micheals, FRVT; IJB-C's TPIR@FPIR): probes of gallery classes
 * ("known") must be identified, probes of classes absent from the gallery ("unknown") must be rejected. A system
 * answers a probe with its nearest gallery row when that row's squared distance d satisfies d ≤ t.
 * <ul>
 *   <li>FAR(t) (false-alarm rate, FPIR) = #{unknown probes with nearest d ≤ t} / N;</li>
 *   <li>DIR(t) (detection and identification rate at rank 1, TPIR) = #{known probes whose nearest gallery row has
 *       their class and d ≤ t} / K.</li>
 * </ul>
 * DIR@FAR x is taken at the largest threshold with FAR ≤ x: with a = ⌊x·N⌋ (exact decimal arithmetic) and u₍ₐ₊₁₎
 * the (a+1)-th smallest unknown-probe distance, t is the float64 just below u₍ₐ₊₁₎. It is estimable only when
 * x·N ≥ 1, i.e. with at least ⌈1/x⌉ unknown probes.
 */
public final class OpenSetIdentification {
    private final double[] knownNearest;
    private final boolean[] knownCorrect;
    private final double[] unknownNearest;

    private OpenSetIdentification(double[] knownNearest, boolean[] knownCorrect, double[] unknownNearest) {
        this.knownNearest = knownNearest;
        this.knownCorrect = knownCorrect;
        this.unknownNearest = unknownNearest;
    }

    /**
     * From each known probe's nearest gallery distance and whether that row has the probe's class, and each
     * unknown probe's nearest gallery distance.
     */
    public static OpenSetIdentification of(double[] knownNearest, boolean[] knownCorrect, double[] unknownNearest) {
        if (knownNearest.length != knownCorrect.length) {
            throw new IllegalArgumentException("one correctness flag per known probe is needed");
        }
        for (double[] a : List.of(knownNearest, unknownNearest)) {
            for (double d : a) {
                if (Double.isNaN(d)) {
                    throw new IllegalArgumentException("probe distances must be numbers, got NaN");
                }
            }
        }
        double[] u = unknownNearest.clone();
        Arrays.sort(u);
        return new OpenSetIdentification(knownNearest.clone(), knownCorrect.clone(), u);
    }

    public int knownProbes() {
        return knownNearest.length;
    }

    public int unknownProbes() {
        return unknownNearest.length;
    }

    /** Rank-1 identification rate of the known probes with no threshold (the closed-set figure). */
    public double rank1() {
        int right = 0;
        for (boolean c : knownCorrect) {
            right += c ? 1 : 0;
        }
        return knownCorrect.length == 0 ? Double.NaN : right / (double) knownCorrect.length;
    }

    /** Unknown probes needed for a FAR target: ⌈1/far⌉. */
    public static long unknownProbesNeeded(double far) {
        requireRate(far);
        return new BigDecimal(1).divide(new BigDecimal(Double.toString(far)), 0, RoundingMode.CEILING).longValueExact();
    }

    /** True when there are enough unknown probes to estimate DIR at this FAR (and at least one known probe). */
    public boolean estimable(double far) {
        return knownNearest.length > 0 && unknownNearest.length >= unknownProbesNeeded(far);
    }

    /** DIR at FAR ≤ far, with its threshold; NaN when not {@link #estimable}. */
    public OperatingPoint dirAtFar(double far) {
        if (!estimable(far)) {
            return OperatingPoint.UNDEFINED;
        }
        int a = new BigDecimal(Double.toString(far)).multiply(new BigDecimal(unknownNearest.length)).intValue();
        double bound = unknownNearest[a];
        int hits = 0;
        for (int i = 0; i < knownNearest.length; i++) {
            hits += knownCorrect[i] && knownNearest[i] < bound ? 1 : 0;
        }
        return new OperatingPoint(hits / (double) knownNearest.length, Math.nextDown(bound));
    }

    /** DIR and FAR at a fixed threshold t (accept d ≤ t). */
    public RatePair at(double threshold) {
        int hits = 0;
        for (int i = 0; i < knownNearest.length; i++) {
            hits += knownCorrect[i] && knownNearest[i] <= threshold ? 1 : 0;
        }
        int alarms = 0;
        while (alarms < unknownNearest.length && unknownNearest[alarms] <= threshold) {
            alarms++;
        }
        return new RatePair(threshold, knownNearest.length == 0 ? Double.NaN : hits / (double) knownNearest.length,
                unknownNearest.length == 0 ? Double.NaN : alarms / (double) unknownNearest.length);
    }

    /**
     * The open-set ROC: DIR against FAR at every distinct probe distance as threshold, ascending, from
     * the threshold just below the smallest distance (FAR 0, DIR 0) up.
     */
    public List<RatePair> curve() {
        double[] all = new double[knownNearest.length + unknownNearest.length];
        System.arraycopy(knownNearest, 0, all, 0, knownNearest.length);
        System.arraycopy(unknownNearest, 0, all, knownNearest.length, unknownNearest.length);
        Arrays.sort(all);
        List<RatePair> out = new ArrayList<>();
        if (all.length > 0) {
            out.add(at(Math.nextDown(all[0])));
        }
        for (int i = 0; i < all.length; i++) {
            if (i + 1 == all.length || all[i + 1] != all[i]) {
                out.add(at(all[i]));
            }
        }
        return out;
    }

    /**
     * A point of the open-set ROC.
     *
     * @param threshold squared-distance threshold (accept d ≤ threshold)
     * @param dir       detection and identification rate of the known probes
     * @param far       false-alarm rate of the unknown probes
     */
    public record RatePair(double threshold, double dir, double far) {
    }

    private static void requireRate(double far) {
        if (!(far > 0 && far < 1)) {
            throw new IllegalArgumentException("FAR " + far + " is outside (0, 1); give a false-alarm rate such as 0.01");
        }
    }
}
