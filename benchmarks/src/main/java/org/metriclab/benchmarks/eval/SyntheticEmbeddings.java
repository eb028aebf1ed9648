package org.metriclab.benchmarks.eval;

import java.util.SplittableRandom;

/** Seeded Gaussian-blob embeddings (float32) with balanced labels, standing in for learned embeddings. */
final class SyntheticEmbeddings {
    final float[] x;
    final int[] labels;
    final int rows;
    final int dim;

    SyntheticEmbeddings(int rows, int dim, int classes, double spread, long seed) {
        this.rows = rows;
        this.dim = dim;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] centres = new double[classes][dim];
        for (double[] c : centres) {
            for (int t = 0; t < dim; t++) {
                c[t] = rnd.nextGaussian();
            }
        }
        x = new float[rows * dim];
        labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            int y = i % classes;
            labels[i] = y;
            for (int t = 0; t < dim; t++) {
                x[i * dim + t] = (float) (centres[y][t] + spread * rnd.nextGaussian());
            }
        }
    }
}
