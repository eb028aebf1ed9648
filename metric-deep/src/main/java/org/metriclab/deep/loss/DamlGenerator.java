package org.metriclab.deep.loss;

import java.util.random.RandomGenerator;

/**
 * DAML's hard-negative generator: a fully connected network from the concatenated embeddings
 * [a; p; n] (3D values) through {@code layers − 1} hidden ReLU layers of {@code width} units to a
 * D-dimensional synthetic negative (linear output). {@code layers = 1} is the single affine map
 * ñ = Wᵀ[a; p; n] + b. The parameters are one flat array, layer by layer, each layer its in×out weight
 * matrix (row-major) followed by its out biases, zero-padded to a multiple of D (so that the trainer can
 * hold them as a D-column weight block; the padding receives no gradient).
 */
record DamlGenerator(int dim, int layers, int width) {
    static final int MAX_LAYERS = 8;
    static final int MAX_WIDTH = 4096;

    DamlGenerator {
        if (dim < 1 || layers < 1 || layers > MAX_LAYERS || width < 1 || width > MAX_WIDTH) {
            throw new IllegalArgumentException("daml generator_layers must be in [1, " + MAX_LAYERS + "] and generator_width in [1, " + MAX_WIDTH
                    + "]; got " + layers + " and " + width);
        }
    }

    /** Layer widths from input to output: 3D, width × (layers − 1), D. */
    int[] sizes() {
        int[] s = new int[layers + 1];
        s[0] = 3 * dim;
        for (int l = 1; l < layers; l++) {
            s[l] = width;
        }
        s[layers] = dim;
        return s;
    }

    /** Offset of layer l's weight matrix in the flat array (its biases follow the matrix). */
    int offset(int l) {
        int[] s = sizes();
        int off = 0;
        for (int k = 0; k < l; k++) {
            off += s[k] * s[k + 1] + s[k + 1];
        }
        return off;
    }

    /** Number of parameters including the padding to a multiple of D. */
    int parameterCount() {
        int raw = offset(layers);
        return (raw + dim - 1) / dim * dim;
    }

    /**
     * Initial parameters. One layer: the map to the real negative, W = [0; 0; I] plus N(0, 0.01²) noise.
     * Several layers of width ≥ 2D: also close to the map to the real negative — the first 2D hidden units
     * carry n and −n through every ReLU layer and the output takes their difference (relu(v) − relu(−v) = v),
     * all other connections from those units and into the output are N(0, 0.01²), the remaining hidden units
     * are He-initialised. Narrower generators: He initialisation of the hidden layers, N(0, 1/width) output.
     */
    double[] initial(RandomGenerator rng) {
        double[] w = new double[parameterCount()];
        int[] s = sizes();
        boolean carry = layers > 1 && width >= 2 * dim;
        for (int l = 0; l < layers; l++) {
            int in = s[l];
            int out = s[l + 1];
            int off = offset(l);
            boolean last = l == layers - 1;
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < out; j++) {
                    double std;
                    if (layers == 1 || (carry && (last || j < 2 * dim || (l > 0 && i < 2 * dim)))) {
                        std = 0.01;
                    } else {
                        std = last ? Math.sqrt(1.0 / in) : Math.sqrt(2.0 / in);
                    }
                    w[off + i * out + j] = rng.nextGaussian() * std;
                }
            }
            for (int j = 0; j < dim; j++) {
                if (layers == 1) {
                    w[off + (2 * dim + j) * out + j] += 1;
                } else if (carry && l == 0) {
                    w[off + (2 * dim + j) * out + j] += 1;
                    w[off + (2 * dim + j) * out + dim + j] -= 1;
                } else if (carry && !last) {
                    w[off + j * out + j] += 1;
                    w[off + (dim + j) * out + dim + j] += 1;
                } else if (carry) {
                    w[off + j * out + j] += 1;
                    w[off + (dim + j) * out + j] -= 1;
                }
            }
        }
        return w;
    }

    /** The activations of every layer for input u (h[0] = u, h[layers] = the synthetic negative). */
    double[][] forward(double[] w, double[] u) {
        int[] s = sizes();
        double[][] h = new double[layers + 1][];
        h[0] = u;
        for (int l = 0; l < layers; l++) {
            int in = s[l];
            int out = s[l + 1];
            int off = offset(l);
            double[] next = new double[out];
            System.arraycopy(w, off + in * out, next, 0, out);
            double[] prev = h[l];
            for (int i = 0; i < in; i++) {
                double v = prev[i];
                if (v == 0) {
                    continue;
                }
                int row = off + i * out;
                for (int j = 0; j < out; j++) {
                    next[j] += v * w[row + j];
                }
            }
            if (l < layers - 1) {
                for (int j = 0; j < out; j++) {
                    next[j] = Math.max(0, next[j]);
                }
            }
            h[l + 1] = next;
        }
        return h;
    }

    /**
     * Back-propagates dJ/dñ = {@code gOut}: adds dJ/dθ to {@code gW} (when not null) and returns dJ/du
     * (when {@code wantInput}, else null). A hidden unit at exactly 0 passes no gradient (ReLU's subgradient 0).
     */
    double[] backward(double[] w, double[][] h, double[] gOut, double[] gW, boolean wantInput) {
        int[] s = sizes();
        double[] g = gOut;
        for (int l = layers - 1; l >= 0; l--) {
            int in = s[l];
            int out = s[l + 1];
            int off = offset(l);
            double[] prev = h[l];
            if (gW != null) {
                for (int i = 0; i < in; i++) {
                    double v = prev[i];
                    if (v == 0) {
                        continue;
                    }
                    int row = off + i * out;
                    for (int j = 0; j < out; j++) {
                        gW[row + j] += v * g[j];
                    }
                }
                for (int j = 0; j < out; j++) {
                    gW[off + in * out + j] += g[j];
                }
            }
            if (l == 0 && !wantInput) {
                return null;
            }
            double[] gPrev = new double[in];
            for (int i = 0; i < in; i++) {
                if (l > 0 && prev[i] <= 0) {
                    continue;
                }
                int row = off + i * out;
                double acc = 0;
                for (int j = 0; j < out; j++) {
                    acc += w[row + j] * g[j];
                }
                gPrev[i] = acc;
            }
            g = gPrev;
        }
        return g;
    }
}
