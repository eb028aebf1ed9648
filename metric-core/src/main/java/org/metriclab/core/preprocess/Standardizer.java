package org.metriclab.core.preprocess;

import java.util.Arrays;
import org.metriclab.core.linalg.Matrix;

/**
 * z = (x − mean) / std per feature, with mean and population std (ddof = 0) fitted on training rows
 * only; features constant on the training rows, or whose spread is at most {@link #DEFAULT_RELATIVE_STD} of
 * their magnitude, are dropped (as in the shared protocol: digits loses its 4 constant pixels).
 *
 * @param mean  per input feature
 * @param std   per input feature (0 for dropped ones)
 * @param kept  indices of the kept input features, ascending
 */
public record Standardizer(double[] mean, double[] std, int[] kept) implements Transform {
    public Standardizer {
        mean = mean.clone();
        std = std.clone();
        kept = kept.clone();
        if (mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means but " + std.length + " standard deviations");
        }
        for (int k : kept) {
            if (k < 0 || k >= mean.length || !(std[k] > 0)) {
                throw new IllegalArgumentException("kept feature " + k + " must have a positive std");
            }
        }
    }

    /**
     * A feature is kept when its train std exceeds this fraction of its largest absolute train value:
     * below it the spread is rounding noise on a constant (1e6 ± 1e-5), and dividing by it would turn
     * that noise into unit-variance signal.
     */
    public static final double DEFAULT_RELATIVE_STD = 1e-9;
    /** Relative spread left by summing n equal values: never a real feature, whatever the threshold. */
    private static final double ROUNDING = 1e-15;
    /** Largest magnitude whose squares are summed without rescaling. */
    private static final double UNSCALED_LIMIT = 1e100;

    /** Fits on the given (training) rows with {@link #DEFAULT_RELATIVE_STD}. */
    public static Standardizer fit(Matrix train) {
        return fit(train, DEFAULT_RELATIVE_STD);
    }

    /**
     * Fits on the given (training) rows, dropping every feature whose population std is at or below
     * {@code relativeStd} times its largest absolute value. For features larger than 1e100 the sums run
     * on values divided by that largest value, so features near {@link Double#MAX_VALUE} do not overflow.
     */
    public static Standardizer fit(Matrix train, double relativeStd) {
        if (!(relativeStd >= 0 && relativeStd < 1)) {
            throw new IllegalArgumentException("relative std threshold must be in [0, 1), got " + relativeStd);
        }
        if (train.rows() == 0) {
            throw new IllegalArgumentException("cannot standardise with no training rows");
        }
        int n = train.rows();
        int d = train.cols();
        double[] scale = new double[d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            train.copyRow(i, row);
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("cannot standardise: training row " + i + ", feature " + j
                            + " is " + row[j] + "; remove or impute non-finite values");
                }
                scale[j] = Math.max(scale[j], Math.abs(row[j]));
            }
        }
        double[] unit = new double[d];
        for (int j = 0; j < d; j++) {
            unit[j] = scale[j] > UNSCALED_LIMIT ? scale[j] : 1.0;
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            train.copyRow(i, row);
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / unit[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            train.copyRow(i, row);
            for (int j = 0; j < d; j++) {
                double c = row[j] / unit[j] - mean[j];
                var[j] += c * c;
            }
        }
        double[] std = new double[d];
        int[] kept = new int[d];
        int k = 0;
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(var[j] / n) * unit[j];
            mean[j] *= unit[j];
            if (sd > relativeStd * scale[j] && sd > ROUNDING * scale[j]) {
                std[j] = sd;
                kept[k++] = j;
            }
        }
        if (k == 0) {
            throw new IllegalArgumentException("every feature is constant (up to a relative spread of " + relativeStd
                    + ") on the training rows; nothing to standardise");
        }
        return new Standardizer(mean, std, Arrays.copyOf(kept, k));
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public int[] kept() {
        return kept.clone();
    }

    @Override
    public int inputDim() {
        return mean.length;
    }

    @Override
    public int outputDim() {
        return kept.length;
    }

    @Override
    public double[] apply(double[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("standardizer takes " + mean.length + " features, got " + x.length);
        }
        double[] z = new double[kept.length];
        for (int k = 0; k < kept.length; k++) {
            int j = kept[k];
            double c = x[j] - mean[j];
            // a difference that overflows is split so values near Double.MAX_VALUE still map to finite z
            z[k] = Double.isFinite(c) || !Double.isFinite(x[j]) ? c / std[j] : x[j] / std[j] - mean[j] / std[j];
        }
        return z;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std) && Arrays.equals(kept, s.kept);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(mean) + Arrays.hashCode(std)) + Arrays.hashCode(kept);
    }

    @Override
    public String toString() {
        return "Standardizer[in=" + mean.length + ", kept=" + kept.length + "]";
    }
}
