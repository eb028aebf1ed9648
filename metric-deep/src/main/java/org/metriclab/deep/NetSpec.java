package org.metriclab.deep;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metriclab.core.learn.Params;

/**
 * The embedding network. {@code net=mlp}: dense layers of the given {@code hidden} sizes, each followed
 * by optional batch norm ({@code batch_norm}; batch statistics while training, running averages with
 * momentum 0.1 at inference), the {@code activation} and optional inverted dropout ({@code dropout}
 * probability), then a linear layer to {@code embedding_size}. {@code net=cnn} (inputs of side×side
 * pixels, e.g. 28×28): per entry of {@code conv_channels} a 3×3 same-padded convolution, activation and
 * 2×2 max-pooling, then the MLP part on the flattened maps. {@code normalize}: L2-normalise the output.
 * The {@code activation} is one of {@link Activation}. Initialisation as PyTorch's defaults: U(−1/√fan_in, 1/√fan_in) for weights and biases.
 * Defaults: mlp, hidden [256, 128], embedding_size 64, relu, no batch norm, dropout 0, normalize true,
 * conv_channels [16, 32], input_scale 1 (inputs are multiplied by it first, e.g. 1/255 for raw pixels).
 */
public record NetSpec(NetKind net, List<Integer> hidden, int embeddingSize, Activation activation, boolean batchNorm, double dropout,
        boolean normalize, List<Integer> convChannels, double inputScale) {

    public NetSpec {
        if (net == null || activation == null) {
            throw new IllegalArgumentException("a network needs its kind (mlp or cnn) and activation");
        }
        hidden = List.copyOf(hidden);
        convChannels = List.copyOf(convChannels);
        if (hidden.stream().anyMatch(h -> h < 1) || convChannels.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("layer sizes must be positive, got hidden " + hidden + ", conv_channels " + convChannels);
        }
        if (embeddingSize < 1) {
            throw new IllegalArgumentException("embedding_size must be >= 1, got " + embeddingSize);
        }
        if (!(inputScale > 0) || !Double.isFinite(inputScale)) {
            throw new IllegalArgumentException("input_scale must be a positive number, got " + inputScale);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must lie in [0, 1), got " + dropout);
        }
    }

    public static NetSpec from(Params p) {
        return from(p, true);
    }

    /** Binds the network keys with the given default for {@code normalize}. */
    public static NetSpec from(Params p, boolean normalizeByDefault) {
        return new NetSpec(p.getEnum("net", NetKind.MLP), ints(p.getDoubleList("hidden", List.of(256.0, 128.0)), "hidden"),
                p.getInt("embedding_size", 64), p.getEnum("activation", Activation.RELU), p.getBoolean("batch_norm", false),
                p.getDouble("dropout", 0), p.getBoolean("normalize", normalizeByDefault),
                ints(p.getDoubleList("conv_channels", List.of(16.0, 32.0)), "conv_channels"),
                p.getDouble("input_scale", 1.0));
    }

    /** Layer sizes as ints; fractions and values beyond the int range are errors rather than silently rounded or clamped. */
    static List<Integer> ints(List<Double> v, String key) {
        return v.stream().map(d -> {
            if (d != Math.rint(d)) {
                throw new IllegalArgumentException(key + " must list integers, got " + d);
            }
            if (d > Integer.MAX_VALUE || d < 1) {
                throw new IllegalArgumentException(key + " sizes must lie in [1, " + Integer.MAX_VALUE + "], got " + BigDecimal.valueOf(d)
                        .toPlainString() + "; use layer sizes of a few hundred or thousand units");
            }
            return (int) Math.rint(d);
        }).toList();
    }

    /** Side of the square input image for the CNN (inputDim must be a perfect square). */
    public int imageSide(int inputDim) {
        int side = (int) Math.rint(Math.sqrt(inputDim));
        if (side * side != inputDim) {
            throw new IllegalArgumentException("net=cnn needs square images (inputs of side² features), got " + inputDim + " features");
        }
        return side;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("net", net.configName());
        m.put("hidden", hidden);
        m.put("embedding_size", embeddingSize);
        m.put("activation", activation.configName());
        m.put("batch_norm", batchNorm);
        m.put("dropout", dropout);
        m.put("normalize", normalize);
        m.put("conv_channels", convChannels);
        m.put("input_scale", inputScale);
        return m;
    }

    public static NetSpec fromMap(Map<String, Object> m) {
        Params p = Params.of(m);
        NetSpec s = from(p);
        p.requireAllUsed("network");
        return s;
    }
}
