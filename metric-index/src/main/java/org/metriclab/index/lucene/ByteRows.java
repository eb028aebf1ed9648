package org.metriclab.index.lucene;

import java.util.Arrays;

/**
 * The gallery rows scalar-quantized to one signed byte per value for the graph walk: one scale for all
 * dimensions, so that squared distances between codes are squared Euclidean distances times a constant. The
 * range is the central {@code max(0.9, 1 − 1/(dim + 1))} share of the values (Lucene's default confidence
 * interval for its own scalar quantization); values beyond it are clamped. A 64-dimensional row takes one cache
 * line instead of four, which is what the walk waits on; the caller re-ranks the walk's candidates by exact
 * float64 distance, so quantization error can only change which rows become candidates.
 */
final class ByteRows {
    private static final int SAMPLE = 200_000;

    private final byte[] codes;
    private final int dim;
    private final float low;
    private final float step;

    private ByteRows(byte[] codes, int dim, float low, float step) {
        this.codes = codes;
        this.dim = dim;
        this.low = low;
        this.step = step;
    }

    /** Quantizes row-major {@code vectors} of width {@code dim}. */
    static ByteRows of(float[] vectors, int dim) {
        int stride = Math.max(1, vectors.length / SAMPLE);
        float[] sample = new float[(vectors.length + stride - 1) / stride];
        for (int i = 0, j = 0; i < vectors.length; i += stride, j++) {
            sample[j] = vectors[i];
        }
        Arrays.sort(sample);
        double outside = (1 - Math.max(0.9, 1 - 1.0 / (dim + 1))) / 2;
        float low = sample[(int) Math.floor(outside * (sample.length - 1))];
        float high = sample[(int) Math.ceil((1 - outside) * (sample.length - 1))];
        float step = high > low ? (high - low) / 255 : 1;
        ByteRows rows = new ByteRows(new byte[vectors.length], dim, low, step);
        rows.encode(vectors, rows.codes);
        return rows;
    }

    /** The codes of row-major values {@code in} written to {@code out}: round((x − low) / step) − 128, clamped. */
    void encode(float[] in, byte[] out) {
        for (int i = 0; i < in.length; i++) {
            long c = Math.round((in[i] - low) / step);
            out[i] = (byte) (Math.max(0, Math.min(255, c)) - 128);
        }
    }

    /** The codes of one query. */
    byte[] encode(float[] query) {
        byte[] out = new byte[query.length];
        encode(query, out);
        return out;
    }

    /** Σ (q_t − c_t)² over the codes of {@code row}. */
    int squaredDistance(byte[] query, int row) {
        int offset = row * dim;
        int s = 0;
        for (int t = 0; t < dim; t++) {
            int d = query[t] - codes[offset + t];
            s += d * d;
        }
        return s;
    }
}
