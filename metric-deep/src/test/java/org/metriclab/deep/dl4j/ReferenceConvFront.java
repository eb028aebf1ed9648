package org.metriclab.deep.dl4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metriclab.deep.Activation;
import org.metriclab.deep.NetSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The straightforward pass of the CNN front, the reference {@link ConvFront} is tested against: the
 * activation on the full feature maps, pooling on the activated maps, fresh arrays for every pass.
 * Per entry of conv_channels: a 3×3 convolution (stride 1, zero padding
 * 1, weights [3, 3, c_in, c_out] as {@code conv{l}_W}), the activation, and 2×2 max-pooling (stride 2,
 * an odd last row/column dropped). Feature maps are kept channel-last (row b·s·s + y·s + x, one value
 * per channel), so a convolution is one matrix product: the im2col matrix of 3×3·c_in neighbourhood
 * values per position times the weights seen as a (9·c_in) × c_out matrix, in OpenBLAS through
 * {@code Nd4j.gemm}. The output is the pooled maps flattened channel-first (c·s·s + y·s + x per row),
 * the order of SameDiff's NCHW reshape that {@code dense0_W}'s rows are laid out for; tests check the
 * whole pass against SameDiff's autodiff of the same graph.
 *
 * <p>Backward rules: pooling routes each gradient to the first maximum of its window (row-major scan);
 * the activation as in {@link Activation#backward}; convolution db = Σ dZ,
 * dW = colᵀ dZ, d col = dZ Wᵀ scattered back onto the input positions (col2im).
 *
 * <p>Keeps the last training pass for {@link #backward}; not thread-safe.
 */
final class ReferenceConvFront {
    /** One convolution layer: input side length, input and output channels. */
    private record Conv(int index, int side, int cin, int cout) {
        int pooledSide() {
            return side / 2;
        }
    }

    /** What a training pass keeps per layer for the backward pass. */
    private record Saved(float[] col, float[] pre, float[] act, int[] argmax) {
    }

    private final NetSpec spec;
    private final Map<String, INDArray> params;
    private final List<Conv> convs = new ArrayList<>();
    private final int outputWidth;
    private List<Saved> saved;
    private float[] cachedOutput;
    private Object cachedX;
    private long cachedVersion = -1;
    private int cachedN;

    ReferenceConvFront(NetSpec spec, Map<String, INDArray> params, int inputDim) {
        this.spec = spec;
        this.params = params;
        int side = spec.imageSide(inputDim);
        int cin = 1;
        for (int l = 0; l < spec.convChannels().size(); l++) {
            int cout = spec.convChannels().get(l);
            convs.add(new Conv(l, side, cin, cout));
            cin = cout;
            side /= 2;
        }
        this.outputWidth = cin * side * side;
    }

    /** Values per row of the flattened output. */
    int outputWidth() {
        return outputWidth;
    }

    /** Inference: the flattened pooled maps of n rows. */
    float[] infer(float[] x, int n) {
        return run(x, n, null);
    }

    /**
     * Training pass; the result is reused (same array) while the same x array, row count and parameter
     * {@code version} come back, so that {@link #backward} sees the pass the gradient belongs to.
     */
    float[] forward(float[] x, int n, long version) {
        if (cachedOutput == null || cachedX != x || cachedVersion != version || cachedN != n) {
            List<Saved> keep = new ArrayList<>();
            cachedOutput = run(x, n, keep);
            saved = keep;
            cachedX = x;
            cachedVersion = version;
            cachedN = n;
        }
        return cachedOutput;
    }

    private float[] run(float[] x, int n, List<Saved> keep) {
        float[] h = x.clone();
        if (spec.inputScale() != 1.0) {
            for (int i = 0; i < h.length; i++) {
                h[i] *= (float) spec.inputScale();
            }
        }
        for (Conv c : convs) {
            int positions = n * c.side() * c.side();
            float[] col = im2col(h, n, c.side(), c.cin());
            float[] z = gemm(col, positions, 9 * c.cin(), weights(c), c.cout(), false, false);
            float[] b = param("conv" + c.index() + "_b");
            for (int r = 0; r < positions; r++) {
                for (int o = 0; o < c.cout(); o++) {
                    z[r * c.cout() + o] += b[o];
                }
            }
            float[] a = spec.activation().apply(z);
            int[] argmax = new int[n * c.pooledSide() * c.pooledSide() * c.cout()];
            h = pool(a, n, c.side(), c.cout(), argmax);
            if (keep != null) {
                keep.add(new Saved(col, z, a, argmax));
            }
        }
        Conv last = convs.get(convs.size() - 1);
        int s = last.pooledSide();
        int ch = last.cout();
        float[] flat = new float[h.length];
        for (int r = 0; r < n; r++) {
            for (int p = 0; p < s * s; p++) {
                for (int o = 0; o < ch; o++) {
                    flat[r * outputWidth + o * s * s + p] = h[(r * s * s + p) * ch + o];
                }
            }
        }
        return flat;
    }

    /**
     * Gradients of the conv weights and biases for the gradient {@code dFlat} w.r.t. the output of the
     * last {@link #forward} pass.
     */
    Map<String, float[]> backward(float[] dFlat) {
        int n = cachedN;
        Conv last = convs.get(convs.size() - 1);
        int s = last.pooledSide();
        int ch = last.cout();
        float[] d = new float[dFlat.length];
        for (int r = 0; r < n; r++) {
            for (int p = 0; p < s * s; p++) {
                for (int o = 0; o < ch; o++) {
                    d[(r * s * s + p) * ch + o] = dFlat[r * outputWidth + o * s * s + p];
                }
            }
        }
        Map<String, float[]> grads = new LinkedHashMap<>();
        for (int l = convs.size() - 1; l >= 0; l--) {
            Conv c = convs.get(l);
            Saved sv = saved.get(l);
            float[] dz = new float[sv.pre().length];
            for (int i = 0; i < d.length; i++) {
                dz[sv.argmax()[i]] += d[i];
            }
            spec.activation().backward(dz, sv.pre(), sv.act());
            int positions = n * c.side() * c.side();
            float[] db = new float[c.cout()];
            for (int r = 0; r < positions; r++) {
                for (int o = 0; o < c.cout(); o++) {
                    db[o] += dz[r * c.cout() + o];
                }
            }
            grads.put("conv" + l + "_W", gemm(sv.col(), 9 * c.cin(), positions, dz, c.cout(), true, false));
            grads.put("conv" + l + "_b", db);
            if (l > 0) {
                float[] dcol = gemm(dz, positions, c.cout(), weights(c), 9 * c.cin(), false, true);
                d = col2im(dcol, n, c.side(), c.cin());
            }
        }
        Map<String, float[]> ordered = new LinkedHashMap<>();
        for (int l = 0; l < convs.size(); l++) {
            ordered.put("conv" + l + "_W", grads.get("conv" + l + "_W"));
            ordered.put("conv" + l + "_b", grads.get("conv" + l + "_b"));
        }
        return ordered;
    }

    /** Rows of 3×3·cin neighbourhood values (zero outside the image), one row per position of every image. */
    private static float[] im2col(float[] h, int n, int side, int cin) {
        float[] col = new float[n * side * side * 9 * cin];
        forEachNeighbour(n, side, cin, (at, from) -> System.arraycopy(h, at, col, from, cin));
        return col;
    }

    /** The adjoint of {@link #im2col}: every neighbourhood value's gradient added back onto its input position. */
    private static float[] col2im(float[] col, int n, int side, int cin) {
        float[] h = new float[n * side * side * cin];
        forEachNeighbour(n, side, cin, (at, from) -> {
            for (int ci = 0; ci < cin; ci++) {
                h[at + ci] += col[from + ci];
            }
        });
        return h;
    }

    /** Where one neighbour's cin values sit: at {@code at} in the image, at {@code from} in the im2col rows. */
    @FunctionalInterface
    private interface NeighbourCell {
        void visit(int at, int from);
    }

    /**
     * Visits every (position, 3×3 neighbour inside the image) pair of every image in row-major order, the
     * one traversal that {@link #im2col} and its adjoint {@link #col2im} share.
     */
    private static void forEachNeighbour(int n, int side, int cin, NeighbourCell cell) {
        int k = 9 * cin;
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int row = ((b * side + y) * side + x) * k;
                    for (int ky = 0; ky < 3; ky++) {
                        int yy = y + ky - 1;
                        if (yy < 0 || yy >= side) {
                            continue;
                        }
                        for (int kx = 0; kx < 3; kx++) {
                            int xx = x + kx - 1;
                            if (xx >= 0 && xx < side) {
                                cell.visit(((b * side + yy) * side + xx) * cin, row + (ky * 3 + kx) * cin);
                            }
                        }
                    }
                }
            }
        }
    }

    /** 2×2 max-pooling of channel-last maps; {@code argmax} receives each output's source index in {@code a}. */
    private static float[] pool(float[] a, int n, int side, int ch, int[] argmax) {
        int s = side / 2;
        float[] out = new float[n * s * s * ch];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    for (int o = 0; o < ch; o++) {
                        int best = ((b * side + 2 * y) * side + 2 * x) * ch + o;
                        for (int dy = 0; dy < 2; dy++) {
                            for (int dx = 0; dx < 2; dx++) {
                                int i = ((b * side + 2 * y + dy) * side + 2 * x + dx) * ch + o;
                                if (a[i] > a[best]) {
                                    best = i;
                                }
                            }
                        }
                        int at = ((b * s + y) * s + x) * ch + o;
                        out[at] = a[best];
                        argmax[at] = best;
                    }
                }
            }
        }
        return out;
    }

    private float[] weights(Conv c) {
        return param("conv" + c.index() + "_W");
    }

    private float[] param(String name) {
        return params.get(name).data().asFloat();
    }

    /**
     * op(A) · op(B) for row-major A (rows × inner, or inner × rows when transposed) and B, through
     * OpenBLAS; {@code rows} and {@code cols} are the result's shape.
     */
    private static float[] gemm(float[] a, int rows, int inner, float[] b, int cols, boolean transA, boolean transB) {
        INDArray ma = transA ? Nd4j.create(a, new long[] {inner, rows}, 'c') : Nd4j.create(a, new long[] {rows, inner}, 'c');
        INDArray mb = transB ? Nd4j.create(b, new long[] {cols, inner}, 'c') : Nd4j.create(b, new long[] {inner, cols}, 'c');
        INDArray out = Nd4j.create(DataType.FLOAT, rows, cols);
        Nd4j.gemm(ma, mb, out, transA, transB, 1.0, 0.0);
        return out.data().asFloat();
    }
}
