package org.metriclab.deep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.deep.dl4j.DeepNet;

/**
 * A metric given by a trained embedding network: d(a, b) = ‖f(a) − f(b)‖₂ with f the network of
 * {@link NetSpec} (its output L2-normalised when the spec says so). Non-finite weights are refused, since
 * they would embed every row as NaN. Immutable: it keeps its own copy of the
 * weights and builds a private network from them on first use; {@link #embed(Matrix)} runs in batches of
 * 2048 rows (float32 inside the network, returned as double).
 */
public final class EmbeddingMetric implements LearnedMetric {
    private static final int BATCH = 2048;
    private final NetSpec spec;
    private final int inputDim;
    private final Map<String, float[]> state;
    private final TrainingLog log;
    private DeepNet net;

    public EmbeddingMetric(NetSpec spec, int inputDim, Map<String, float[]> state, TrainingLog log) {
        if (spec == null || state == null || inputDim < 1) {
            throw new IllegalArgumentException("an embedding metric needs a network spec, input dimension >= 1 and weights");
        }
        LinkedHashMap<String, float[]> copy = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            for (float f : v) {
                if (!Float.isFinite(f)) {
                    throw new IllegalArgumentException("network weights '" + k + "' hold a non-finite value (" + f
                            + "); every embedding would be NaN; refit the model");
                }
            }
            copy.put(k, v.clone());
        });
        this.spec = spec;
        this.inputDim = inputDim;
        this.state = Collections.unmodifiableMap(copy);
        this.log = log == null ? TrainingLog.empty() : log;
        network();
    }

    private synchronized DeepNet network() {
        if (net == null) {
            net = new DeepNet(spec, inputDim, false, state);
        }
        return net;
    }

    public NetSpec spec() {
        return spec;
    }

    public TrainingLog trainingLog() {
        return log;
    }

    /** A copy of the weights (name → row-major float values). */
    public Map<String, float[]> weights() {
        LinkedHashMap<String, float[]> copy = new LinkedHashMap<>();
        state.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    @Override
    public int inputDim() {
        return inputDim;
    }

    @Override
    public int outputDim() {
        return spec.embeddingSize();
    }

    @Override
    public double[] embed(double[] x) {
        return embed(Matrix.of(1, x.length, x)).row(0);
    }

    @Override
    public Matrix embed(Matrix x) {
        requireInputDim(x.cols());
        if (!x.isFinite()) {
            throw new IllegalArgumentException("inputs must be finite; first non-finite at " + x.firstNonFinite());
        }
        int n = x.rows();
        int e = outputDim();
        double[] out = new double[n * e];
        double[] all = x.toArray();
        DeepNet network = network();
        for (int start = 0; start < n; start += BATCH) {
            int rows = Math.min(BATCH, n - start);
            float[] chunk = new float[rows * inputDim];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (float) all[start * inputDim + i];
            }
            float[] emb;
            synchronized (this) {
                emb = network.infer(chunk, rows, false);
            }
            for (int i = 0; i < emb.length; i++) {
                out[start * e + i] = emb[i];
            }
        }
        return Matrix.of(n, e, out);
    }
}
