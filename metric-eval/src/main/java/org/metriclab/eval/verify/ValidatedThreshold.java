package org.metriclab.eval.verify;

import java.util.Arrays;

/**
 * A verification threshold chosen on a validation part and applied unchanged to a test part
 * ({@code threshold_from: validation}): the threshold is the validation pairs' TAR@FAR x threshold
 * ({@link VerificationRates#tarAtFar}); on the test pairs the TAR and the FAR actually reached at that fixed
 * threshold are reported, so the test FAR may differ from the target.
 *
 * @param exponent       the FAR target 10^−exponent
 * @param threshold      squared-distance threshold from the validation pairs (NaN when undefined there)
 * @param validationTar  TAR on the validation pairs at the threshold
 * @param validationFar  FAR on the validation pairs at the threshold
 * @param testTar        TAR on the test pairs at the threshold
 * @param testFar        FAR on the test pairs at the threshold
 */
public record ValidatedThreshold(int exponent, double threshold, double validationTar, double validationFar, double testTar, double testFar) {
    /** The threshold of FAR ≤ 10^−exponent on {@code validation}, and the rates it gives on both parts. */
    public static ValidatedThreshold of(PairSample validation, PairSample test, int exponent) {
        double t = VerificationRates.of(validation).tarAtFar(exponent).threshold();
        return new ValidatedThreshold(exponent, t, acceptedShare(validation.positives(), t), acceptedShare(validation.negatives(), t),
                acceptedShare(test.positives(), t), acceptedShare(test.negatives(), t));
    }

    /** The share of the ascending {@code distances} that are ≤ t (NaN for none or an undefined threshold). */
    static double acceptedShare(double[] distances, double t) {
        if (distances.length == 0 || Double.isNaN(t)) {
            return Double.NaN;
        }
        int i = Arrays.binarySearch(distances, t);
        int at;
        if (i < 0) {
            at = -i - 1;
        } else {
            at = i;
            while (at < distances.length && distances[at] <= t) {
                at++;
            }
        }
        return at / (double) distances.length;
    }
}
