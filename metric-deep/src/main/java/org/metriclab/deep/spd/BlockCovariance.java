package org.metriclab.deep.spd;

import org.metriclab.core.linalg.Matrix;

/**
 * Covariance of feature blocks: a row of d features is cut into {@code blocks} consecutive blocks of
 * d / blocks features, each block one observation (e.g. the frames of a sequence or the points of a
 * set stored side by side); the descriptor is the (d / blocks)×(d / blocks) covariance over the blocks.
 */
public record BlockCovariance(int blocks, double ridge) implements CovarianceDescriptor {
    public BlockCovariance {
        if (blocks < 2) {
            throw new IllegalArgumentException("blocks must be >= 2 (a covariance needs at least two observations), got " + blocks);
        }
        CovarianceDescriptor.requireRidge(ridge);
    }

    @Override
    public String configName() {
        return "blocks";
    }

    @Override
    public int order(int inputDim) {
        if (inputDim % blocks != 0) {
            throw new IllegalArgumentException("blocks " + blocks + " does not divide the " + inputDim
                    + " features; choose blocks so that each block has the same width");
        }
        return inputDim / blocks;
    }

    @Override
    public Matrix describe(double[] row) {
        return CovarianceDescriptor.covariance(observations(row), order(row.length), ridge);
    }

    /** The observations of one row: count × order, row-major. */
    double[] observations(double[] row) {
        order(row.length);
        return row.clone();
    }
}
