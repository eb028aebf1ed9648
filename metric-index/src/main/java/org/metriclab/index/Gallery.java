package org.metriclab.index;

import java.util.List;
import org.metriclab.core.linalg.Matrix;

/**
 * Gallery rows to index: float32 embeddings, row-major, with an optional label per row.
 *
 * @param vectors row-major {@code rows × dim} float32 values, all finite
 * @param rows    number of rows (at least 1)
 * @param dim     embedding dimension
 * @param labels  one label per row, or empty when the gallery is unlabelled
 */
public record Gallery(float[] vectors, int rows, int dim, List<String> labels) {
    public Gallery {
        if (rows < 1 || dim < 1) {
            throw new IllegalArgumentException("a gallery needs at least one row and one dimension, got " + rows + " × " + dim);
        }
        if (vectors == null || vectors.length != (long) rows * dim) {
            throw new IllegalArgumentException("gallery vectors must hold rows × dim = " + (long) rows * dim + " values");
        }
        for (int i = 0; i < vectors.length; i++) {
            if (!Float.isFinite(vectors[i])) {
                throw new IllegalArgumentException("gallery row " + (i / dim + 1) + " has a non-finite value in float32 (" + vectors[i]
                        + " in dimension " + i % dim + "); expected finite embeddings within ±3.4e38");
            }
        }
        labels = List.copyOf(labels);
        if (!labels.isEmpty() && labels.size() != rows) {
            throw new IllegalArgumentException("gallery has " + rows + " rows but " + labels.size() + " labels; expected one per row or none");
        }
    }

    /** The rows of {@code x} rounded to float32, with {@code labels} (empty for none). */
    public static Gallery of(Matrix x, List<String> labels) {
        double[] d = x.toArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return new Gallery(f, x.rows(), x.cols(), labels);
    }

    public boolean labelled() {
        return !labels.isEmpty();
    }
}
