package org.metriclab.deep.spd;

import org.metriclab.core.linalg.Matrix;

/**
 * Region covariance of a square grey-level image (rows of side² pixels, row-major): one observation per
 * pixel, the 7 features (x, y, I, |∂I/∂x|, |∂I/∂y|, |∂²I/∂x²|, |∂²I/∂y²|) with x and y scaled to [0, 1]
 * and derivatives by central differences over edge-replicated borders; the descriptor is their 7×7
 * covariance.
 */
public record RegionCovariance(double ridge) implements CovarianceDescriptor {
    public static final int FEATURES = 7;

    public RegionCovariance {
        CovarianceDescriptor.requireRidge(ridge);
    }

    @Override
    public String configName() {
        return "region";
    }

    @Override
    public int order(int inputDim) {
        side(inputDim);
        return FEATURES;
    }

    @Override
    public Matrix describe(double[] row) {
        return CovarianceDescriptor.covariance(observations(row), order(row.length), ridge);
    }

    /** The observations of one row: count × order, row-major. */
    double[] observations(double[] row) {
        int s = side(row.length);
        double[] obs = new double[row.length * FEATURES];
        double scale = s > 1 ? 1.0 / (s - 1) : 1;
        for (int r = 0; r < s; r++) {
            for (int c = 0; c < s; c++) {
                double v = at(row, s, r, c);
                double left = at(row, s, r, c - 1);
                double right = at(row, s, r, c + 1);
                double up = at(row, s, r - 1, c);
                double down = at(row, s, r + 1, c);
                int o = (r * s + c) * FEATURES;
                obs[o] = c * scale;
                obs[o + 1] = r * scale;
                obs[o + 2] = v;
                obs[o + 3] = Math.abs(right - left) / 2;
                obs[o + 4] = Math.abs(down - up) / 2;
                obs[o + 5] = Math.abs(right - 2 * v + left);
                obs[o + 6] = Math.abs(down - 2 * v + up);
            }
        }
        return obs;
    }

    private static double at(double[] row, int s, int r, int c) {
        return row[Math.min(s - 1, Math.max(0, r)) * s + Math.min(s - 1, Math.max(0, c))];
    }

    private static int side(int inputDim) {
        int s = (int) Math.rint(Math.sqrt(inputDim));
        if (s * s != inputDim || s < 2) {
            throw new IllegalArgumentException("descriptor: region needs square images (side² features, side >= 2), got " + inputDim
                    + " features (standardize drops train-constant pixels: turn it off for images); use descriptor blocks or gaussian for other data");
        }
        return s;
    }
}
