package org.metriclab.deep.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.metriclab.deep.NetKind;
import org.metriclab.deep.NetSpec;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The embedding network ({@link NetSpec}). The dense layers (and the autoencoder's mirrored decoder)
 * run through {@link MlpPass} and the CNN's convolutions through {@link ConvFront}: ND4J matrix
 * products with hand-derived back-propagation, one forward pass per batch. The same network as two
 * SameDiff graphs sharing the parameter arrays (a training graph with batch-norm batch statistics and
 * dropout masks fed as placeholders, and an inference graph with running statistics and no dropout) is
 * the independent reference the tests compare with. Training never uses a library loss: the caller computes the
 * loss and its gradient G w.r.t. the network output in Java (float64) and this class back-propagates
 * the scalar {@code sum(output ⊙ G)}, whose gradient w.r.t. every parameter is exactly the chain rule
 * through the network. With a decoder the output is a mirrored decoder's reconstruction
 * (autoencoder) instead of the embedding.
 *
 * <p>State (parameters and batch-norm running statistics) is a name → float[] map; names starting with
 * {@code bn_rm}/{@code bn_rv} are running statistics, everything else is trainable. Not thread-safe.
 */
public final class DeepNet {
    private final NetSpec spec;
    private final int inputDim;
    private final boolean decoder;
    private final LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
    private final List<Integer> dropoutWidths = new ArrayList<>();
    private final List<Integer> bnWidths = new ArrayList<>();
    private final SameDiff train;
    private final SameDiff eval;
    private final MlpPass mlp;
    private final ConvFront conv;
    private long version;

    public DeepNet(NetSpec spec, int inputDim, boolean decoder, Map<String, float[]> state) {
        this(spec, inputDim, decoder, state, false);
    }

    /**
     * With {@code sameDiff} false the network runs through {@link ConvFront} and {@link MlpPass}; true
     * evaluates it with SameDiff graphs, the reference the tests compare with.
     */
    DeepNet(NetSpec spec, int inputDim, boolean decoder, Map<String, float[]> state, boolean sameDiff) {
        this.spec = spec;
        this.inputDim = inputDim;
        this.decoder = decoder;
        Map<String, long[]> shapes = shapes(spec, inputDim, decoder);
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            float[] v = state.get(e.getKey());
            long size = 1;
            for (long s : e.getValue()) {
                size *= s;
            }
            if (v == null || v.length != size) {
                throw new IllegalArgumentException("network state lacks '" + e.getKey() + "' of " + size + " values");
            }
            arrays.put(e.getKey(), Nd4j.create(v.clone(), e.getValue(), 'c'));
        }
        this.conv = sameDiff || spec.net() != NetKind.CNN ? null : new ConvFront(spec, arrays, inputDim);
        this.mlp = sameDiff ? null
                : conv == null ? new MlpPass(spec, arrays, inputDim, decoder) : new MlpPass(spec, arrays, conv.outputWidth(), inputDim, decoder, true);
        this.train = sameDiff ? build(true) : null;
        this.eval = sameDiff ? build(false) : null;
        if (!sameDiff) {
            for (int l = 0; l < spec.hidden().size(); l++) {
                if (spec.dropout() > 0) {
                    dropoutWidths.add(spec.hidden().get(l));
                }
                if (spec.batchNorm()) {
                    bnWidths.add(spec.hidden().get(l));
                }
            }
        }
    }

    /** A fresh state: PyTorch-default uniform initialisation, running mean 0 and variance 1. */
    public static LinkedHashMap<String, float[]> initialState(NetSpec spec, int inputDim, boolean decoder, RandomGenerator rng) {
        LinkedHashMap<String, float[]> out = new LinkedHashMap<>();
        Map<String, Long> fanIn = new HashMap<>();
        Map<String, long[]> shapes = shapes(spec, inputDim, decoder);
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long[] s = e.getValue();
            int size = 1;
            for (long d : s) {
                size *= (int) d;
            }
            float[] v = new float[size];
            String name = e.getKey();
            if (name.startsWith("bn_rv") || name.startsWith("bn_g")) {
                Arrays.fill(v, 1f);
            } else if (name.endsWith("_W")) {
                long fi = s.length == 4 ? s[0] * s[1] * s[2] : s[0];
                fanIn.put(name.substring(0, name.length() - 2), fi);
                uniform(v, 1.0 / Math.sqrt(fi), rng);
            } else if (name.endsWith("_b")) {
                uniform(v, 1.0 / Math.sqrt(fanIn.get(name.substring(0, name.length() - 2))), rng);
            }
            out.put(name, v);
        }
        return out;
    }

    private static void uniform(float[] v, double bound, RandomGenerator rng) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
    }

    /**
     * Parameter and buffer shapes in creation order (weights before their bias), computed in long so
     * that callers can size a network before anything is allocated.
     */
    public static LinkedHashMap<String, long[]> shapes(NetSpec spec, int inputDim, boolean decoder) {
        LinkedHashMap<String, long[]> s = new LinkedHashMap<>();
        long width = inputDim;
        if (spec.net() == NetKind.CNN) {
            int side = spec.imageSide(inputDim);
            long cin = 1;
            for (int i = 0; i < spec.convChannels().size(); i++) {
                long c = spec.convChannels().get(i);
                s.put("conv" + i + "_W", new long[] {3, 3, cin, c});
                s.put("conv" + i + "_b", new long[] {c});
                cin = c;
                side /= 2;
            }
            width = cin * side * side;
        }
        List<Integer> sizes = new ArrayList<>(spec.hidden());
        for (int l = 0; l < sizes.size(); l++) {
            s.put("dense" + l + "_W", new long[] {width, sizes.get(l)});
            s.put("dense" + l + "_b", new long[] {1, sizes.get(l)});
            if (spec.batchNorm()) {
                s.put("bn_g" + l, new long[] {1, sizes.get(l)});
                s.put("bn_beta" + l, new long[] {1, sizes.get(l)});
                s.put("bn_rm" + l, new long[] {1, sizes.get(l)});
                s.put("bn_rv" + l, new long[] {1, sizes.get(l)});
            }
            width = sizes.get(l);
        }
        s.put("out_W", new long[] {width, spec.embeddingSize()});
        s.put("out_b", new long[] {1, spec.embeddingSize()});
        if (decoder) {
            long w = spec.embeddingSize();
            List<Integer> back = new ArrayList<>(spec.hidden());
            Collections.reverse(back);
            for (int l = 0; l < back.size(); l++) {
                s.put("dec" + l + "_W", new long[] {w, back.get(l)});
                s.put("dec" + l + "_b", new long[] {1, back.get(l)});
                w = back.get(l);
            }
            s.put("recon_W", new long[] {w, inputDim});
            s.put("recon_b", new long[] {1, inputDim});
        }
        return s;
    }

    private SDVariable act(SameDiff sd, SDVariable z) {
        return switch (spec.activation()) {
            case RELU -> sd.nn.relu(z, 0);
            case TANH -> sd.math.tanh(z);
            case SIGMOID -> sd.nn.sigmoid(z);
            case LEAKY_RELU -> sd.nn.leakyRelu(z, 0.01);
            case ELU -> sd.nn.elu(z);
            case IDENTITY -> z;
        };
    }

    private SameDiff build(boolean training) {
        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> v = new HashMap<>();
        arrays.forEach((k, a) -> {
            if (!k.startsWith("bn_rm") && !k.startsWith("bn_rv")) {
                v.put(k, sd.var(k, a));
            }
        });
        SDVariable h = sd.placeHolder("x", DataType.FLOAT, -1, inputDim);
        if (spec.inputScale() != 1.0) {
            h = h.mul(spec.inputScale());
        }
        if (spec.net() == NetKind.CNN) {
            int side = spec.imageSide(inputDim);
            h = sd.reshape(h, -1, 1, side, side);
            long c = 1;
            for (int i = 0; i < spec.convChannels().size(); i++) {
                Conv2DConfig cc = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1).dH(1).dW(1).paddingMode(PaddingMode.VALID)
                        .dataFormat("NCHW").build();
                h = act(sd, sd.cnn.conv2d(h, v.get("conv" + i + "_W"), v.get("conv" + i + "_b"), cc));
                h = sd.cnn.maxPooling2d(h, Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).isNHWC(false).build());
                c = spec.convChannels().get(i);
                side /= 2;
            }
            h = sd.reshape(h, -1, c * side * side);
        }
        if (training) {
            dropoutWidths.clear();
            bnWidths.clear();
        }
        for (int l = 0; l < spec.hidden().size(); l++) {
            SDVariable z = h.mmul(v.get("dense" + l + "_W")).add(v.get("dense" + l + "_b"));
            if (spec.batchNorm()) {
                SDVariable mu;
                SDVariable var;
                if (training) {
                    mu = sd.identity("bn_mu" + l, z.mean(true, 0));
                    var = sd.identity("bn_var" + l, sd.math.square(z.sub(mu)).mean(true, 0));
                    bnWidths.add(spec.hidden().get(l));
                } else {
                    mu = sd.placeHolder("bn_rm" + l, DataType.FLOAT, 1, spec.hidden().get(l));
                    var = sd.placeHolder("bn_rv" + l, DataType.FLOAT, 1, spec.hidden().get(l));
                }
                z = z.sub(mu).div(sd.math.sqrt(var.add(1e-5))).mul(v.get("bn_g" + l)).add(v.get("bn_beta" + l));
            }
            h = act(sd, z);
            if (training && spec.dropout() > 0) {
                h = h.mul(sd.placeHolder("mask" + l, DataType.FLOAT, -1, spec.hidden().get(l)));
                dropoutWidths.add(spec.hidden().get(l));
            }
        }
        SDVariable z = h.mmul(v.get("out_W")).add(v.get("out_b"));
        SDVariable emb = spec.normalize() ? z.div(sd.math.sqrt(z.mul(z).sum(true, 1).add(1e-12))) : z;
        SDVariable out = sd.identity("emb", emb);
        if (decoder) {
            SDVariable r = out;
            for (int l = 0; l < spec.hidden().size(); l++) {
                r = act(sd, r.mmul(v.get("dec" + l + "_W")).add(v.get("dec" + l + "_b")));
            }
            out = sd.identity("recon", r.mmul(v.get("recon_W")).add(v.get("recon_b")));
        }
        if (training) {
            SDVariable g = sd.placeHolder("g", DataType.FLOAT, -1, decoder ? inputDim : spec.embeddingSize());
            sd.setLossVariables(out.mul(g).sum("loss"));
        }
        return sd;
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return spec.embeddingSize();
    }

    /** Widths of the dropout masks the training graph expects (one per hidden layer when dropout > 0). */
    public List<Integer> dropoutWidths() {
        return List.copyOf(dropoutWidths);
    }

    public List<String> trainable() {
        return arrays.keySet().stream().filter(k -> !k.startsWith("bn_rm") && !k.startsWith("bn_rv")).toList();
    }

    static float[] flat(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    private static INDArray matrix(float[] x, int n, int d) {
        return Nd4j.create(x, new long[] {n, d}, 'c');
    }

    /** Inference: embeddings (or reconstructions with {@code reconstruct}) of n rows. */
    public float[] infer(float[] x, int n, boolean reconstruct) {
        if (mlp != null) {
            return mlp.infer(conv == null ? x : conv.infer(x, n), n, reconstruct);
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("x", matrix(x, n, inputDim));
        arrays.forEach((k, a) -> {
            if (k.startsWith("bn_rm") || k.startsWith("bn_rv")) {
                ph.put(k, a);
            }
        });
        String name = reconstruct ? "recon" : "emb";
        return flat(eval.output(ph, name).get(name));
    }

    private Map<String, INDArray> trainInputs(float[] x, int n, float[][] masks) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("x", matrix(x, n, inputDim));
        for (int l = 0; l < dropoutWidths.size(); l++) {
            ph.put("mask" + l, matrix(masks[l], n, dropoutWidths.get(l)));
        }
        return ph;
    }

    /**
     * Training-mode forward pass: the output (embedding or reconstruction, row-major) and, with batch
     * norm, the batch means/variances of each normalised layer (keys bn_rm{l} / bn_rv{l}).
     */
    public Map<String, float[]> forward(float[] x, int n, float[][] masks) {
        if (mlp != null) {
            return mlp.forward(conv == null ? x : conv.forward(x, n, version), n, masks, version);
        }
        List<String> outs = new ArrayList<>();
        outs.add(decoder ? "recon" : "emb");
        for (int l = 0; l < bnWidths.size(); l++) {
            outs.add("bn_mu" + l);
            outs.add("bn_var" + l);
        }
        Map<String, INDArray> r = train.output(trainInputs(x, n, masks), outs.toArray(new String[0]));
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put("output", flat(r.get(outs.get(0))));
        for (int l = 0; l < bnWidths.size(); l++) {
            out.put("bn_rm" + l, flat(r.get("bn_mu" + l)));
            out.put("bn_rv" + l, flat(r.get("bn_var" + l)));
        }
        return out;
    }

    /**
     * Gradients of Σ output ⊙ g w.r.t. every trainable parameter. On the MLP path, a call right after
     * {@link #forward} with the same x and masks arrays (and no {@link #set} in between) reuses that pass.
     */
    public Map<String, float[]> gradients(float[] x, int n, float[][] masks, float[] g) {
        if (mlp != null && conv == null) {
            return mlp.gradients(x, n, masks, g, version);
        }
        if (mlp != null) {
            Map<String, float[]> dense = mlp.gradients(conv.forward(x, n, version), n, masks, g, version);
            Map<String, float[]> all = new LinkedHashMap<>(conv.backward(mlp.inputGradient()));
            all.putAll(dense);
            return all;
        }
        Map<String, INDArray> ph = trainInputs(x, n, masks);
        ph.put("g", matrix(g, n, decoder ? inputDim : spec.embeddingSize()));
        Map<String, INDArray> grads = train.calculateGradients(ph, trainable());
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String k : trainable()) {
            out.put(k, flat(grads.get(k)));
        }
        return out;
    }

    /** Overwrites one parameter or buffer in place (both graphs see it). */
    public void set(String name, float[] values) {
        INDArray a = arrays.get(name);
        if (a == null || a.length() != values.length) {
            throw new IllegalArgumentException("no state entry '" + name + "' of " + values.length + " values");
        }
        a.data().asNioFloat().put(values);
        version++;
    }

    /** A copy of the whole state (parameters and running statistics). */
    public LinkedHashMap<String, float[]> state() {
        LinkedHashMap<String, float[]> out = new LinkedHashMap<>();
        arrays.forEach((k, a) -> out.put(k, flat(a)));
        return out;
    }
}
