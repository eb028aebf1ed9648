package org.metriclab.deep.dl4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metriclab.deep.NetSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolutional front of {@code net=cnn} with hand-derived back-propagation, so that training a
 * CNN needs no autodiff graph. Per entry of conv_channels one {@link ConvLayer}: a 3×3 convolution
 * (weights [3, 3, c_in, c_out] as {@code conv{l}_W}, bias {@code conv{l}_b}), 2×2 max-pooling and
 * the activation. Each batch size gets its own layer buffers, allocated once and reused; inference
 * runs in blocks of at most {@link #BLOCK} rows so that its buffers stay bounded. The output is the
 * pooled maps flattened channel-first (c·s·s + y·s + x per row), the order of SameDiff's NCHW
 * reshape that {@code dense0_W}'s rows are laid out for; tests check the whole pass against SameDiff's
 * autodiff of the same graph and the backward pass against finite differences.
 *
 * <p>Keeps the last training pass for {@link #backward}; not thread-safe.
 */
final class ConvFront {
    /** Rows per inference block. */
    static final int BLOCK = 256;
    /** Batch sizes whose buffers are kept (the training batch, a shorter last batch, an inference block). */
    private static final int KEPT_SIZES = 3;

    private final NetSpec spec;
    private final Map<String, INDArray> params;
    private final int side;
    private final List<Integer> channels;
    private final List<INDArray> weights = new ArrayList<>();
    private final Map<Integer, List<ConvLayer>> stacks = new LinkedHashMap<>();
    private final int outputWidth;
    private final int lastSide;
    private float[] cachedOutput;
    private List<ConvLayer> cachedStack;
    private Object cachedX;
    private long cachedVersion = -1;
    private int cachedN;

    ConvFront(NetSpec spec, Map<String, INDArray> params, int inputDim) {
        this.spec = spec;
        this.params = params;
        this.side = spec.imageSide(inputDim);
        this.channels = spec.convChannels();
        int s = side;
        int cin = 1;
        for (int l = 0; l < channels.size(); l++) {
            int cout = channels.get(l);
            // a view of the [3, 3, c_in, c_out] array as the (9·c_in) × c_out GEMM operand; set() writes into the same memory
            weights.add(params.get("conv" + l + "_W").reshape(9L * cin, cout));
            cin = cout;
            s /= 2;
        }
        this.lastSide = s;
        this.outputWidth = cin * s * s;
    }

    /** Values per row of the flattened output. */
    int outputWidth() {
        return outputWidth;
    }

    /** Inference: the flattened pooled maps of n rows, computed in blocks of at most {@link #BLOCK} rows. */
    float[] infer(float[] x, int n) {
        float[] out = new float[n * outputWidth];
        int dim = side * side;
        for (int start = 0; start < n; start += BLOCK) {
            int rows = Math.min(BLOCK, n - start);
            float[] block = new float[rows * dim];
            System.arraycopy(x, start * dim, block, 0, block.length);
            float[] f = run(block, rows);
            System.arraycopy(f, 0, out, start * outputWidth, f.length);
        }
        // the layer buffers now hold this pass, not the training pass
        cachedOutput = null;
        return out;
    }

    /**
     * Training pass; the result is reused (same array) while the same x array, row count and parameter
     * {@code version} come back, so that {@link #backward} sees the pass the gradient belongs to.
     */
    float[] forward(float[] x, int n, long version) {
        if (cachedOutput == null || cachedX != x || cachedVersion != version || cachedN != n) {
            cachedOutput = run(x, n);
            cachedStack = stack(n);
            cachedX = x;
            cachedVersion = version;
            cachedN = n;
        }
        return cachedOutput;
    }

    private List<ConvLayer> stack(int n) {
        List<ConvLayer> st = stacks.get(n);
        if (st == null) {
            if (stacks.size() >= KEPT_SIZES) {
                Integer oldest = stacks.keySet().iterator().next();
                stacks.remove(oldest);
            }
            st = new ArrayList<>();
            int s = side;
            int cin = 1;
            for (int cout : channels) {
                st.add(new ConvLayer(n, s, cin, cout, spec.activation()));
                cin = cout;
                s /= 2;
            }
            stacks.put(n, st);
        }
        return st;
    }

    private float[] run(float[] x, int n) {
        List<ConvLayer> st = stack(n);
        float[] h = x;
        float scale = (float) spec.inputScale();
        for (int l = 0; l < st.size(); l++) {
            h = st.get(l).forward(h, l == 0 ? scale : 1f, weights.get(l), param("conv" + l + "_b"));
        }
        int ss = lastSide * lastSide;
        int ch = channels.get(channels.size() - 1);
        float[] flat = new float[n * outputWidth];
        for (int r = 0; r < n; r++) {
            for (int p = 0; p < ss; p++) {
                int from = (r * ss + p) * ch;
                int to = r * outputWidth + p;
                for (int o = 0; o < ch; o++) {
                    flat[to + o * ss] = h[from + o];
                }
            }
        }
        return flat;
    }

    /**
     * Gradients of the conv weights and biases for the gradient {@code dFlat} w.r.t. the output of the
     * last {@link #forward} pass. The layers' buffers then hold gradients, so the next {@link #forward}
     * recomputes the pass.
     */
    Map<String, float[]> backward(float[] dFlat) {
        int n = cachedN;
        int ss = lastSide * lastSide;
        int ch = channels.get(channels.size() - 1);
        float[] d = new float[dFlat.length];
        for (int r = 0; r < n; r++) {
            for (int p = 0; p < ss; p++) {
                int to = (r * ss + p) * ch;
                int from = r * outputWidth + p;
                for (int o = 0; o < ch; o++) {
                    d[to + o] = dFlat[from + o * ss];
                }
            }
        }
        float[][] gw = new float[channels.size()][];
        float[][] gb = new float[channels.size()][];
        int s = side;
        int[] sides = new int[channels.size()];
        for (int l = 0; l < channels.size(); l++) {
            sides[l] = s;
            s /= 2;
        }
        for (int l = channels.size() - 1; l >= 0; l--) {
            gb[l] = new float[channels.get(l)];
            float[] dIn = l == 0 ? null : new float[n * sides[l] * sides[l] * channels.get(l - 1)];
            gw[l] = cachedStack.get(l).backward(d, weights.get(l), gb[l], dIn);
            d = dIn;
        }
        if (channels.size() > 1) {
            cachedOutput = null;
        }
        Map<String, float[]> ordered = new LinkedHashMap<>();
        for (int l = 0; l < channels.size(); l++) {
            ordered.put("conv" + l + "_W", gw[l]);
            ordered.put("conv" + l + "_b", gb[l]);
        }
        return ordered;
    }

    private float[] param(String name) {
        return params.get(name).data().asFloat();
    }
}
