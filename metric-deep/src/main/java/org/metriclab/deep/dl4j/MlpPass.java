package org.metriclab.deep.dl4j;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metriclab.deep.Activation;
import org.metriclab.deep.NetSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The MLP (and its mirrored decoder) with hand-derived back-propagation: every matrix product runs in
 * OpenBLAS through {@code Nd4j.gemm} into arrays allocated once per batch size, the element-wise steps
 * (bias, batch norm, activation, dropout, normalisation) run on flat float arrays, and one forward
 * pass per batch keeps its activations for the backward pass. SameDiff's executor instead re-runs the
 * forward pass inside {@code calculateGradients} and allocates a native buffer for every op output,
 * which costs several times the arithmetic on networks this small. The arithmetic is the training
 * graph's (float32; batch norm with biased batch variance and ε = 1e-5; dropout as a fed mask; L2
 * normalisation z / √(Σz² + 1e-12)); tests check it against SameDiff's autodiff of the same network.
 *
 * <p>Backward rules (batch of n rows): dropout dH ⊙ mask; the activation's derivative
 * ({@link Activation#backward}); batch norm as in {@link BatchNormPass}; dense dW = Aᵀ dZ, db = Σ dZ,
 * dA = dZ Wᵀ; normalisation dz = (g − e (e · g)) / s.
 */
final class MlpPass {
    private enum Kind { HIDDEN, EMBED, DECODE, RECON }

    private record Dense(String name, int in, int out, Kind kind, int index) {
    }

    private final NetSpec spec;
    private final Map<String, INDArray> params;
    private final List<Dense> layers = new ArrayList<>();
    private final Map<Integer, Pass> passes = new HashMap<>();
    private final Map<String, FloatBuffer> paramViews = new HashMap<>();
    private final boolean convFront;
    private Pass cached;
    private Object cachedX;
    private Object cachedMasks;
    private long cachedVersion = -1;

    MlpPass(NetSpec spec, Map<String, INDArray> params, int inputDim, boolean decoder) {
        this(spec, params, inputDim, inputDim, decoder, false);
    }

    /**
     * @param featureDim width of the input of the first dense layer
     * @param reconDim   width of the decoder's reconstruction (the network's input)
     * @param convFront  whether the input comes from {@link ConvFront}: then it is already scaled, and
     *                   {@link #gradients} also back-propagates to it ({@link #inputGradient})
     */
    MlpPass(NetSpec spec, Map<String, INDArray> params, int featureDim, int reconDim, boolean decoder, boolean convFront) {
        this.spec = spec;
        this.params = params;
        this.convFront = convFront;
        int width = featureDim;
        for (int l = 0; l < spec.hidden().size(); l++) {
            layers.add(new Dense("dense" + l, width, spec.hidden().get(l), Kind.HIDDEN, l));
            width = spec.hidden().get(l);
        }
        layers.add(new Dense("out", width, spec.embeddingSize(), Kind.EMBED, 0));
        if (decoder) {
            width = spec.embeddingSize();
            for (int l = 0; l < spec.hidden().size(); l++) {
                int w = spec.hidden().get(spec.hidden().size() - 1 - l);
                layers.add(new Dense("dec" + l, width, w, Kind.DECODE, l));
                width = w;
            }
            layers.add(new Dense("recon", width, reconDim, Kind.RECON, 0));
        }
    }

    /** Native arrays of one batch size (inputs, outputs and gradients of every dense layer) and host copies. */
    private final class Pass {
        final int n;
        final INDArray[] in;
        final INDArray[] z;
        final INDArray[] dz;
        final INDArray[] din;
        final INDArray[] dw;
        final FloatBuffer[] inView;
        final FloatBuffer[] zView;
        final FloatBuffer[] dzView;
        final FloatBuffer[] dinView;
        final FloatBuffer[] dwView;
        final float[][] pre;
        final float[][] act;
        final BatchNormPass[] bn;
        final float[][] mask;
        float[] norms;
        float[] embedding;
        float[] inputGradient;
        float[] output;

        Pass(int n, boolean training) {
            this.n = n;
            int k = layers.size();
            in = new INDArray[k];
            z = new INDArray[k];
            dz = new INDArray[k];
            din = new INDArray[k];
            dw = new INDArray[k];
            inView = new FloatBuffer[k];
            zView = new FloatBuffer[k];
            dzView = new FloatBuffer[k];
            dinView = new FloatBuffer[k];
            dwView = new FloatBuffer[k];
            pre = new float[k][];
            act = new float[k][];
            bn = new BatchNormPass[k];
            mask = new float[k][];
            for (int i = 0; i < k; i++) {
                Dense d = layers.get(i);
                in[i] = Nd4j.create(DataType.FLOAT, n, d.in());
                z[i] = Nd4j.create(DataType.FLOAT, n, d.out());
                inView[i] = view(in[i]);
                zView[i] = view(z[i]);
                if (training) {
                    dz[i] = Nd4j.create(DataType.FLOAT, n, d.out());
                    dw[i] = Nd4j.create(DataType.FLOAT, d.in(), d.out());
                    din[i] = i == 0 && !convFront ? null : Nd4j.create(DataType.FLOAT, n, d.in());
                    dzView[i] = view(dz[i]);
                    dwView[i] = view(dw[i]);
                    dinView[i] = din[i] == null ? null : view(din[i]);
                }
            }
        }
    }

    /** A view of the array's native memory (arrays here are fresh, C-ordered, offset 0). */
    private static FloatBuffer view(INDArray a) {
        return a.data().asNioFloat();
    }

    private static float[] read(FloatBuffer view, int length) {
        float[] out = new float[length];
        view.get(0, out);
        return out;
    }

    private static void write(FloatBuffer view, float[] v) {
        view.put(0, v);
    }

    private float[] param(String name) {
        INDArray a = params.get(name);
        return read(paramViews.computeIfAbsent(name, k -> view(a)), (int) a.length());
    }

    private Pass pass(int n) {
        return passes.computeIfAbsent(n, k -> new Pass(k, true));
    }

    /**
     * Training-mode forward pass: the output (row-major) and, with batch norm, each normalised layer's
     * batch mean/variance (keys bn_rm{l}/bn_rv{l}); keeps the activations for {@link #gradients} (valid
     * while the same x/masks arrays are passed and the parameters keep {@code version}).
     */
    Map<String, float[]> forward(float[] x, int n, float[][] masks, long version) {
        Pass p = pass(n);
        Map<String, float[]> stats = run(p, x, masks, true);
        cached = p;
        cachedX = x;
        cachedMasks = masks;
        cachedVersion = version;
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put("output", p.output.clone());
        out.putAll(stats);
        return out;
    }

    /** Inference: running batch-norm statistics, no dropout; the embedding or the reconstruction. */
    float[] infer(float[] x, int n, boolean reconstruct) {
        Pass p = new Pass(n, false);
        run(p, x, null, false);
        return reconstruct ? p.output : p.embedding;
    }

    private Map<String, float[]> run(Pass p, float[] x, float[][] masks, boolean training) {
        Map<String, float[]> stats = new LinkedHashMap<>();
        int n = p.n;
        float[] h = x;
        if (!convFront && spec.inputScale() != 1.0) {
            h = x.clone();
            for (int i = 0; i < h.length; i++) {
                h[i] *= (float) spec.inputScale();
            }
        }
        for (int k = 0; k < layers.size(); k++) {
            Dense d = layers.get(k);
            write(p.inView[k], h);
            Nd4j.gemm(p.in[k], params.get(d.name() + "_W"), p.z[k], false, false, 1.0, 0.0);
            float[] z = read(p.zView[k], n * d.out());
            float[] b = param(d.name() + "_b");
            int w = d.out();
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < w; j++) {
                    z[r * w + j] += b[j];
                }
            }
            switch (d.kind()) {
                case HIDDEN -> {
                    int l = d.index();
                    if (spec.batchNorm()) {
                        batchNorm(p, k, z, n, w, training, l, stats);
                    }
                    p.pre[k] = z;
                    float[] a = spec.activation().apply(z);
                    p.act[k] = a;
                    h = a;
                    if (training && spec.dropout() > 0) {
                        float[] m = masks[l];
                        p.mask[k] = m;
                        h = a.clone();
                        for (int i = 0; i < h.length; i++) {
                            h[i] *= m[i];
                        }
                    }
                }
                case EMBED -> {
                    p.pre[k] = z;
                    if (spec.normalize()) {
                        float[] s = new float[n];
                        float[] e = new float[z.length];
                        for (int r = 0; r < n; r++) {
                            float sum = 0;
                            for (int j = 0; j < w; j++) {
                                sum += z[r * w + j] * z[r * w + j];
                            }
                            s[r] = (float) Math.sqrt(sum + 1e-12f);
                            for (int j = 0; j < w; j++) {
                                e[r * w + j] = z[r * w + j] / s[r];
                            }
                        }
                        p.norms = s;
                        p.embedding = e;
                    } else {
                        p.embedding = z;
                    }
                    h = p.embedding;
                    p.output = h;
                }
                case DECODE -> {
                    p.pre[k] = z;
                    p.act[k] = spec.activation().apply(z);
                    h = p.act[k];
                }
                case RECON -> p.output = z;
            }
        }
        return stats;
    }

    private void batchNorm(Pass p, int k, float[] z, int n, int w, boolean training, int l, Map<String, float[]> stats) {
        float[] mu;
        float[] var;
        if (training) {
            float[][] meanVar = BatchNormPass.statistics(z, n, w);
            mu = meanVar[0];
            var = meanVar[1];
            stats.put("bn_rm" + l, mu);
            stats.put("bn_rv" + l, var);
        } else {
            mu = param("bn_rm" + l);
            var = param("bn_rv" + l);
        }
        p.bn[k] = BatchNormPass.normalise(z, n, mu, var, param("bn_g" + l), param("bn_beta" + l));
    }

    /** Gradients of Σ output ⊙ g w.r.t. the trainable parameters (names and order as in the state). */
    Map<String, float[]> gradients(float[] x, int n, float[][] masks, float[] g, long version) {
        if (cached == null || cachedX != x || cachedMasks != masks || cachedVersion != version || cached.n != n) {
            forward(x, n, masks, version);
        }
        Pass p = cached;
        Map<String, float[]> grads = new HashMap<>();
        float[] d = g.clone();
        for (int k = layers.size() - 1; k >= 0; k--) {
            Dense layer = layers.get(k);
            int w = layer.out();
            switch (layer.kind()) {
                case EMBED -> {
                    if (spec.normalize()) {
                        float[] e = p.embedding;
                        for (int r = 0; r < n; r++) {
                            float dot = 0;
                            for (int j = 0; j < w; j++) {
                                dot += e[r * w + j] * d[r * w + j];
                            }
                            for (int j = 0; j < w; j++) {
                                int i = r * w + j;
                                d[i] = (d[i] - e[i] * dot) / p.norms[r];
                            }
                        }
                    }
                }
                case DECODE -> spec.activation().backward(d, p.pre[k], p.act[k]);
                case HIDDEN -> {
                    if (p.mask[k] != null) {
                        for (int i = 0; i < d.length; i++) {
                            d[i] *= p.mask[k][i];
                        }
                    }
                    spec.activation().backward(d, p.pre[k], p.act[k]);
                    if (spec.batchNorm()) {
                        d = batchNormBackward(p, k, d, w, layer.index(), grads);
                    }
                }
                default -> {
                }
            }
            float[] db = new float[w];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < w; j++) {
                    db[j] += d[r * w + j];
                }
            }
            grads.put(layer.name() + "_b", db);
            write(p.dzView[k], d);
            Nd4j.gemm(p.in[k], p.dz[k], p.dw[k], true, false, 1.0, 0.0);
            grads.put(layer.name() + "_W", read(p.dwView[k], layer.in() * w));
            if (k > 0 || convFront) {
                Nd4j.gemm(p.dz[k], params.get(layer.name() + "_W"), p.din[k], false, true, 1.0, 0.0);
                d = read(p.dinView[k], n * layer.in());
            }
        }
        p.inputGradient = convFront ? d : null;
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String name : params.keySet()) {
            float[] v = grads.get(name);
            if (v != null) {
                out.put(name, v);
            }
        }
        return out;
    }

    /** With a convolutional front: the gradient w.r.t. the input of the last {@link #gradients} call (row-major). */
    float[] inputGradient() {
        return cached.inputGradient;
    }

    private float[] batchNormBackward(Pass p, int k, float[] dy, int w, int l, Map<String, float[]> grads) {
        float[] dGamma = new float[w];
        float[] dBeta = new float[w];
        float[] dz = p.bn[k].backward(dy, param("bn_g" + l), dGamma, dBeta);
        grads.put("bn_g" + l, dGamma);
        grads.put("bn_beta" + l, dBeta);
        return dz;
    }
}
