package org.metriclab.deep.spd;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.metriclab.core.linalg.Matrix;

/**
 * SPDNet (Huang &amp; Van Gool, AAAI 2017) as an embedding network on SPD matrices: per entry of
 * {@code bimaps} a {@link BiMap} followed by a {@link ReEig}, then {@link LogEig}, then the flattening of
 * the symmetric log-matrix into its upper triangle (off-diagonal entries scaled by √2, so the Euclidean
 * norm of the vector is the Frobenius norm of the matrix), then optionally a dense layer to the
 * embedding ({@code fc} k × e with bias, absent for embedding_size 0) and an L2 normalisation. Float64
 * throughout. Immutable: {@link #step} returns the updated network.
 */
public record SpdNet(List<BiMap> bimaps, ReEig reEig, Matrix fc, double[] bias, boolean normalize) {
    private static final double SQRT2 = Math.sqrt(2);
    private static final LogEig LOG_EIG = new LogEig();

    public SpdNet {
        bimaps = List.copyOf(bimaps);
        if (bimaps.isEmpty()) {
            throw new IllegalArgumentException("bimaps: SPDNet needs at least one BiMap layer, e.g. bimaps: [6]");
        }
        for (int l = 1; l < bimaps.size(); l++) {
            if (bimaps.get(l).in() != bimaps.get(l - 1).out()) {
                throw new IllegalArgumentException("BiMap " + l + " takes order " + bimaps.get(l).in() + " but the previous one gives "
                        + bimaps.get(l - 1).out());
            }
        }
        int k = flatDim(bimaps.get(bimaps.size() - 1).out());
        if (fc != null && (fc.rows() != k || bias == null || bias.length != fc.cols())) {
            throw new IllegalArgumentException("the dense layer must map the " + k + " flattened values to the embedding, with one bias per output");
        }
        bias = bias == null ? null : bias.clone();
    }

    /**
     * A fresh network for inputs of the given order: BiMaps to each order of {@code orders} (random
     * Stiefel points), and a dense layer to {@code embedding} outputs initialised U(−1/√k, 1/√k) as
     * PyTorch's default (none when embedding is 0).
     */
    public static SpdNet initial(int inputOrder, List<Integer> orders, int embedding, double reEigEpsilon, boolean normalize, RandomGenerator rng) {
        List<BiMap> layers = new ArrayList<>();
        int in = inputOrder;
        for (int out : orders) {
            if (out > in || out < 1) {
                throw new IllegalArgumentException("bimaps: each BiMap reduces the order of its input; got " + in + " → " + out
                        + " (input matrices are " + inputOrder + "×" + inputOrder + "); list decreasing orders <= " + inputOrder);
            }
            layers.add(BiMap.random(in, out, rng));
            in = out;
        }
        Matrix fc = null;
        double[] bias = null;
        if (embedding > 0) {
            int k = flatDim(in);
            double bound = 1 / Math.sqrt(k);
            double[] w = new double[k * embedding];
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextDouble(-bound, bound);
            }
            bias = new double[embedding];
            for (int i = 0; i < embedding; i++) {
                bias[i] = rng.nextDouble(-bound, bound);
            }
            fc = Matrix.of(k, embedding, w);
        }
        return new SpdNet(layers, new ReEig(reEigEpsilon), fc, bias, normalize);
    }

    /** Length of the flattened upper triangle of an order-m matrix. */
    public static int flatDim(int m) {
        return m * (m + 1) / 2;
    }

    public int inputOrder() {
        return bimaps.get(0).in();
    }

    public int outputDim() {
        return fc != null ? fc.cols() : flatDim(bimaps.get(bimaps.size() - 1).out());
    }

    @Override
    public double[] bias() {
        return bias == null ? null : bias.clone();
    }

    /** What the backward pass needs of one forward pass. */
    public record Trace(List<Matrix> bimapInputs, List<EigenMap.Forward> reEigs, EigenMap.Forward logEig, double[] flat, double[] raw, double[] out) {
    }

    public double[] embed(Matrix x) {
        return forward(x).out();
    }

    public Trace forward(Matrix x) {
        if (x.rows() != inputOrder() || x.cols() != inputOrder()) {
            throw new IllegalArgumentException("SPDNet takes " + inputOrder() + "×" + inputOrder() + " matrices, got " + x.shape());
        }
        if (!x.isFinite()) {
            throw new IllegalArgumentException("the SPD input of SPDNet holds a non-finite value at " + x.firstNonFinite()
                    + " (the descriptor overflowed); rescale the features");
        }
        List<Matrix> inputs = new ArrayList<>();
        List<EigenMap.Forward> rect = new ArrayList<>();
        Matrix h = x;
        for (BiMap b : bimaps) {
            inputs.add(h);
            EigenMap.Forward r = reEig.forward(b.forward(h));
            rect.add(r);
            h = r.y();
        }
        EigenMap.Forward lg = LOG_EIG.forward(h);
        double[] flat = flatten(lg.y());
        double[] raw = flat;
        if (fc != null) {
            raw = fc.transpose().times(flat);
            for (int j = 0; j < raw.length; j++) {
                raw[j] += bias[j];
            }
        }
        double[] out = raw.clone();
        if (normalize) {
            double n = norm(raw);
            for (int j = 0; j < out.length; j++) {
                out[j] = raw[j] / n;
            }
        }
        return new Trace(inputs, rect, lg, flat, raw, out);
    }

    /** Gradients of every parameter (Euclidean; the BiMap ones before projection) and of the input. */
    public record Gradients(List<Matrix> bimaps, Matrix fc, double[] bias, Matrix input) {
    }

    public Gradients backward(Trace t, double[] gradOut) {
        double[] g = gradOut.clone();
        if (normalize) {
            double n = norm(t.raw());
            double dot = 0;
            for (int j = 0; j < g.length; j++) {
                dot += g[j] * t.out()[j];
            }
            for (int j = 0; j < g.length; j++) {
                g[j] = (g[j] - t.out()[j] * dot) / n;
            }
        }
        Matrix gfc = null;
        double[] gb = null;
        double[] gflat = g;
        if (fc != null) {
            int k = fc.rows();
            int e = fc.cols();
            double[] w = new double[k * e];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < e; j++) {
                    w[i * e + j] = t.flat()[i] * g[j];
                }
            }
            gfc = Matrix.of(k, e, w);
            gb = g.clone();
            gflat = fc.times(g);
        }
        Matrix gy = LOG_EIG.backward(t.logEig(), unflatten(gflat, t.logEig().y().rows()));
        List<Matrix> gw = new ArrayList<>();
        for (int l = bimaps.size() - 1; l >= 0; l--) {
            Matrix gz = reEig.backward(t.reEigs().get(l), gy);
            gw.add(0, bimaps.get(l).gradWeight(t.bimapInputs().get(l), gz));
            gy = bimaps.get(l).gradInput(gz);
        }
        return new Gradients(gw, gfc, gb, gy);
    }

    /** One SGD step of learning rate lr: Riemannian with QR retraction for the BiMaps, Euclidean for the dense layer. */
    public SpdNet step(Gradients g, double lr) {
        List<BiMap> next = new ArrayList<>();
        for (int l = 0; l < bimaps.size(); l++) {
            next.add(bimaps.get(l).step(g.bimaps().get(l), lr));
        }
        Matrix nfc = fc == null ? null : fc.minus(g.fc().scale(lr));
        double[] nb = bias == null ? null : bias.clone();
        if (nb != null) {
            for (int j = 0; j < nb.length; j++) {
                nb[j] -= lr * g.bias()[j];
            }
        }
        return new SpdNet(next, reEig, nfc, nb, normalize);
    }

    static double[] flatten(Matrix s) {
        int m = s.rows();
        double[] v = new double[flatDim(m)];
        int k = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                v[k++] = i == j ? s.get(i, i) : SQRT2 * s.get(i, j);
            }
        }
        return v;
    }

    /** The symmetric matrix gradient of a function of {@link #flatten}'s output: each off-diagonal value shared by (i, j) and (j, i). */
    static Matrix unflatten(double[] g, int m) {
        double[] out = new double[m * m];
        int k = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                if (i == j) {
                    out[i * m + i] = g[k++];
                } else {
                    out[i * m + j] = g[k] / SQRT2;
                    out[j * m + i] = g[k++] / SQRT2;
                }
            }
        }
        return Matrix.of(m, m, out);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
