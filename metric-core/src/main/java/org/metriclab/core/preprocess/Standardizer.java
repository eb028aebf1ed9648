package org.metriclab.core.preprocess;

import java.util.Arrays;
import org.metriclab.core.linalg.Matrix;

/**
 * z = (x − mean) / std per feature, with mean and population std (ddof = 0) fitted on training rows
 * only; features constant on the training rows are dropped (as in the shared protocol: digits loses 4).
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

    /** Fits on the given (training) rows. */
    public static Standardizer fit(Matrix train) {
        if (train.rows() == 0) {
            throw new IllegalArgumentException("cannot standardise with no training rows");
        }
        int n = train.rows();
        int d = train.cols();
        double[] mean = new double[d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            train.copyRow(i, row);
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            train.copyRow(i, row);
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                var[j] += c * c;
            }
        }
        double[] std = new double[d];
        int[] kept = new int[d];
        int k = 0;
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(var[j] / n);
            if (std[j] > 1e-12 * Math.max(1.0, Math.abs(mean[j]))) {
                kept[k++] = j;
            } else {
                std[j] = 0;
            }
        }
        if (k == 0) {
            throw new IllegalArgumentException("every feature is constant on the training rows; nothing to standardise");
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
            z[k] = (x[j] - mean[j]) / std[j];
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
