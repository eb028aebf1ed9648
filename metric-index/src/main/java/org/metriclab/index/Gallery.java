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
        requireInRange(vectors, dim, "gallery");
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

    /**
     * The largest |value| the index accepts at {@code dim} dimensions: the graph computes squared distances in
     * float32, and two rows within ±m are at most dim·(2m)² apart, which must stay below {@link Float#MAX_VALUE}.
     */
    public static double maxMagnitude(int dim) {
        return Math.sqrt(Float.MAX_VALUE / dim) / 2;
    }

    /** Refuses a non-finite value or one beyond {@link #maxMagnitude} in row-major {@code values} of width {@code dim}. */
    static void requireInRange(float[] values, int dim, String what) {
        double bound = maxMagnitude(dim);
        for (int i = 0; i < values.length; i++) {
            if (!(Math.abs(values[i]) <= bound)) {
                throw new IllegalArgumentException(what + " row " + (i / dim + 1) + " has " + values[i] + " in dimension " + i % dim
                        + " (in float32): the index's float32 squared distances overflow beyond |value| " + String.format(java.util.Locale.ROOT,
                        "%.3g", bound) + " at " + dim + " dimensions; rescale the embedding (e.g. standardize) or search exactly");
            }
        }
    }

    public boolean labelled() {
        return !labels.isEmpty();
    }
}
