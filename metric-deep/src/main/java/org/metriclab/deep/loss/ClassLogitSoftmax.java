package org.metriclab.deep.loss;

import java.util.Arrays;

/**
 * The reduced softmax cross-entropy over one row of class logits per sample, the part that the
 * classification-style losses (normalised softmax, ProxyNCA, ArcFace/CosFace, SphereFace, SoftTriple,
 * sub-centre ArcFace) share: term_i = CE(logits_i, y_i) · minerWeight_i, reduced by the loss's
 * {@link Reducer}. Each loss supplies only its logit transform through {@link Logits} and maps
 * {@link #logitGrad} back onto its cosines or distances.
 */
final class ClassLogitSoftmax {

    /** Writes sample i's C logits into {@code row}; may record per-sample state the loss needs for its gradient. */
    @FunctionalInterface
    interface Logits {
        void fill(int i, double[] row);
    }

    private final double value;
    private final double[] sampleCoef;
    private final double[][] softmaxMinusTarget;

    private ClassLogitSoftmax(double value, double[] sampleCoef, double[][] softmaxMinusTarget) {
        this.value = value;
        this.sampleCoef = sampleCoef;
        this.softmaxMinusTarget = softmaxMinusTarget;
    }

    /**
     * Evaluates the reduced loss over n samples and C classes. With {@code dropZeroProbability}, samples
     * whose target probability underflows to exactly 0 are left out of the reduction (PML's ProxyNCA
     * filters such terms) and get no gradient.
     */
    static ClassLogitSoftmax of(int n, int c, int[] labels, double[] minerWeights, Reducer reducer, boolean dropZeroProbability,
            Logits logits) {
        double[][] g = new double[n][c];
        double[] row = new double[c];
        double[] terms = new double[n];
        boolean[] kept = new boolean[n];
        int nk = 0;
        for (int i = 0; i < n; i++) {
            logits.fill(i, row);
            double ce = ClassWeights.crossEntropy(row, labels[i], g[i]);
            kept[i] = !dropZeroProbability || Math.exp(-ce) != 0;
            if (kept[i]) {
                terms[nk++] = ce * minerWeights[i];
            }
        }
        double[] coef = new double[nk];
        double value = reducer.reduce(nk == n ? terms : Arrays.copyOf(terms, nk), coef);
        double[] sampleCoef = new double[n];
        int t = 0;
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                sampleCoef[i] = coef[t++] * minerWeights[i];
            }
        }
        return new ClassLogitSoftmax(value, sampleCoef, g);
    }

    /** The reduced loss value. */
    double value() {
        return value;
    }

    /** dLoss/dterm_i times the miner weight of sample i (0 for a dropped sample). */
    double sampleCoef(int i) {
        return sampleCoef[i];
    }

    /** softmax(logits_i)_k − [k = y_i], the derivative of sample i's cross-entropy by its logit k. */
    double softmaxMinusTarget(int i, int k) {
        return softmaxMinusTarget[i][k];
    }

    /** dLoss/dlogit_ik. */
    double logitGrad(int i, int k) {
        return sampleCoef[i] * softmaxMinusTarget[i][k];
    }
}
