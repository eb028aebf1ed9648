package org.metriclab.deep.dl4j;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.metriclab.deep.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One block of the CNN front for a fixed batch size n: 3×3 convolution (stride 1, zero padding 1),
 * 2×2 max-pooling (stride 2, an odd last row/column dropped), then the activation, all float32.
 * Maps are channel-last (row b·side² + y·side + x holds that position's channels), so the convolution
 * of the whole batch is one SGEMM in OpenBLAS: the im2col matrix (n·side² rows of 3×3·c_in
 * neighbourhood values) times the weights seen as a (9·c_in) × c_out matrix. The im2col matrix and the
 * convolution output live in native buffers allocated once; the Java loops work one image at a time
 * on small heap arrays (which stay in cache) and move each image's block with one bulk copy.
 *
 * <p>Pooling takes the maximum of the pre-activations, then adds the bias and applies the activation
 * to the pooled values only: every {@link Activation} is non-decreasing, so this equals pooling the
 * activated map, at a quarter of the element-wise work. Backward: the activation's derivative on the
 * pooled values, db = Σ of that gradient, the gradient routed to each window's maximum (first maximum
 * in row-major order), dW = colᵀ dZ, and for the input d col = dZ Wᵀ added back onto the input
 * positions (col2im). The native buffers are reused: dZ overwrites Z, and d col overwrites col, after
 * which the pass must be recomputed before another backward. Not thread-safe.
 */
final class ConvLayer {
    private final int n;
    private final int side;
    private final int cin;
    private final int cout;
    private final int s;
    private final Activation activation;
    private final INDArray col;
    private final INDArray z;
    private final INDArray dw;
    private final FloatBuffer colView;
    private final FloatBuffer zView;
    private final float[] colImage;
    private final float[] zImage;
    private final float[] pre;
    private float[] act;
    private final int[] argmax;

    ConvLayer(int n, int side, int cin, int cout, Activation activation) {
        this.n = n;
        this.side = side;
        this.cin = cin;
        this.cout = cout;
        this.s = side / 2;
        this.activation = activation;
        long positions = (long) n * side * side;
        if (positions * 9 * cin > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a batch of " + n + " images of " + side + "×" + side + " with " + cin
                    + " input channels needs an im2col matrix of more than 2^31 values; use a smaller batch_size");
        }
        this.col = Nd4j.create(DataType.FLOAT, positions, 9L * cin);
        this.z = Nd4j.create(DataType.FLOAT, positions, cout);
        this.dw = Nd4j.create(DataType.FLOAT, 9L * cin, cout);
        this.colView = col.data().asNioFloat();
        this.zView = z.data().asNioFloat();
        this.colImage = new float[side * side * 9 * cin];
        this.zImage = new float[side * side * cout];
        this.pre = new float[n * s * s * cout];
        this.argmax = new int[n * s * s * cout];
    }

    /** Pooled side length. */
    int pooledSide() {
        return s;
    }

    /**
     * Forward pass of n images, channel-last maps in {@code h} (each value multiplied by {@code scale});
     * returns the activated pooled maps (n·s²·c_out, channel-last), which the backward pass reads: callers must not modify them.
     */
    float[] forward(float[] h, float scale, INDArray weights, float[] bias) {
        int imageCol = colImage.length;
        for (int b = 0; b < n; b++) {
            im2col(h, b * side * side * cin, scale);
            colView.put(b * imageCol, colImage, 0, imageCol);
        }
        Nd4j.gemm(col, weights, z, false, false, 1.0, 0.0);
        int imageZ = zImage.length;
        int imageOut = s * s * cout;
        for (int b = 0; b < n; b++) {
            zView.get(b * imageZ, zImage, 0, imageZ);
            pool(b * imageOut, bias);
        }
        act = activation.apply(pre);
        return act;
    }

    /** The neighbourhoods of one image into {@link #colImage}; cells outside the image stay zero. */
    private void im2col(float[] h, int base, float scale) {
        int k = 9 * cin;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int row = (y * side + x) * k;
                for (int ky = 0; ky < 3; ky++) {
                    int yy = y + ky - 1;
                    if (yy < 0 || yy >= side) {
                        continue;
                    }
                    for (int kx = 0; kx < 3; kx++) {
                        int xx = x + kx - 1;
                        if (xx < 0 || xx >= side) {
                            continue;
                        }
                        int from = base + (yy * side + xx) * cin;
                        int to = row + (ky * 3 + kx) * cin;
                        if (cin == 1) {
                            colImage[to] = h[from] * scale;
                        } else if (scale == 1f) {
                            System.arraycopy(h, from, colImage, to, cin);
                        } else {
                            for (int c = 0; c < cin; c++) {
                                colImage[to + c] = h[from + c] * scale;
                            }
                        }
                    }
                }
            }
        }
    }

    /** Max-pools one image's convolution output ({@link #zImage}) into pre[out..] with its bias; argmax within the image. */
    private void pool(int out, float[] bias) {
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int p00 = ((2 * y) * side + 2 * x) * cout;
                int p01 = p00 + cout;
                int p10 = p00 + side * cout;
                int p11 = p10 + cout;
                int at = out + (y * s + x) * cout;
                for (int o = 0; o < cout; o++) {
                    // branch-free first maximum in row-major order (pooling data defeats branch prediction):
                    // the sign bit of a − b is 1 exactly when b > a
                    float a00 = zImage[p00 + o];
                    float a01 = zImage[p01 + o];
                    float a10 = zImage[p10 + o];
                    float a11 = zImage[p11 + o];
                    float top = Math.max(a00, a01);
                    float bottom = Math.max(a10, a11);
                    int iTop = p00 + o + (Float.floatToRawIntBits(a00 - a01) >>> 31) * cout;
                    int iBottom = p10 + o + (Float.floatToRawIntBits(a10 - a11) >>> 31) * cout;
                    int lower = Float.floatToRawIntBits(top - bottom) >>> 31;
                    float m = Math.max(top, bottom);
                    argmax[at + o] = iTop + lower * (iBottom - iTop);
                    pre[at + o] = m + bias[o];
                }
            }
        }
    }

    /**
     * Backward pass for the gradient {@code dAct} w.r.t. the last forward's output: fills {@code db}
     * (length c_out) and returns dW ((9·c_in) × c_out row-major), and, when {@code inputGradient}
     * is non-null, writes the gradient w.r.t. the (scaled) input maps into it.
     */
    float[] backward(float[] dAct, INDArray weights, float[] db, float[] inputGradient) {
        float[] d = dAct.clone();
        activation.backward(d, pre, act);
        Arrays.fill(db, 0f);
        for (int i = 0; i < d.length; i++) {
            db[i % cout] += d[i];
        }
        int imageZ = zImage.length;
        int imageOut = s * s * cout;
        for (int b = 0; b < n; b++) {
            Arrays.fill(zImage, 0f);
            int off = b * imageOut;
            for (int i = 0; i < imageOut; i++) {
                zImage[argmax[off + i]] = d[off + i];
            }
            zView.put(b * imageZ, zImage, 0, imageZ);
        }
        Nd4j.gemm(col, z, dw, true, false, 1.0, 0.0);
        float[] gradW = dw.data().asFloat();
        if (inputGradient != null) {
            Nd4j.gemm(z, weights, col, false, true, 1.0, 0.0);
            Arrays.fill(inputGradient, 0f);
            int imageCol = colImage.length;
            for (int b = 0; b < n; b++) {
                colView.get(b * imageCol, colImage, 0, imageCol);
                col2im(inputGradient, b * side * side * cin);
            }
            Arrays.fill(colImage, 0f);
        }
        return gradW;
    }

    /** Adds one image's neighbourhood gradients ({@link #colImage}) back onto its input positions. */
    private void col2im(float[] dh, int base) {
        int k = 9 * cin;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int row = (y * side + x) * k;
                for (int ky = 0; ky < 3; ky++) {
                    int yy = y + ky - 1;
                    if (yy < 0 || yy >= side) {
                        continue;
                    }
                    for (int kx = 0; kx < 3; kx++) {
                        int xx = x + kx - 1;
                        if (xx < 0 || xx >= side) {
                            continue;
                        }
                        int at = base + (yy * side + xx) * cin;
                        int from = row + (ky * 3 + kx) * cin;
                        for (int c = 0; c < cin; c++) {
                            dh[at + c] += colImage[from + c];
                        }
                    }
                }
            }
        }
    }
}
