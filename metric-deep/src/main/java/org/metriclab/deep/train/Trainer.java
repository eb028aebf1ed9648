package org.metriclab.deep.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.deep.EmbeddingMetric;
import org.metriclab.deep.NetSpec;
import org.metriclab.deep.TrainingLog;
import org.metriclab.deep.dl4j.DeepNet;
import org.metriclab.deep.loss.LossBatch;
import org.metriclab.deep.loss.LossOutput;
import org.metriclab.deep.loss.MetricLoss;
import org.metriclab.deep.loss.Miner;
import org.metriclab.deep.loss.Tuples;
import org.metriclab.eval.RetrievalEvaluator;

/**
 * One training run. Per batch: training-mode forward pass (float32, network), loss and its gradient
 * w.r.t. the network output in float64 (the same {@link MetricLoss} code the golden tests check),
 * back-propagation of that gradient through the network, optimizer step for the network and, with its
 * own learning rate, for the loss's proxies/class weights. Reproducible: every random choice comes
 * from streams of the fit seed (init, weights, validation, one stream per epoch for batches, dropout
 * and miners), so a run resumed from an epoch checkpoint continues identically.
 *
 * <p>Progress: the loss of every batch goes to {@link Progress#iteration}; after every epoch the mean
 * batch loss goes to {@link Progress#measure} as {@link Progress#EPOCH_LOSS}, the epoch's training throughput as
 * {@link Progress#SAMPLES_PER_SECOND} and, with early stopping
 * (patience &gt; 0 or track_validation), the validation MAP@R as {@link Progress#VALIDATION_MAP_AT_R} (step = 1-based epoch).
 */
public final class Trainer {
    private final NetSpec spec;
    private final TrainSpec train;
    private final MetricLoss loss;
    private final Miner miner;
    private final boolean autoencoder;

    public Trainer(NetSpec spec, TrainSpec train, MetricLoss loss, Miner miner, boolean autoencoder) {
        this.spec = spec;
        this.train = train;
        this.loss = loss;
        this.miner = miner;
        this.autoencoder = autoencoder;
    }

    public EmbeddingMetric fit(Dataset data, FitContext ctx) {
        int dim = data.dim();
        int[] cls = new int[data.size()];
        for (int i = 0; i < cls.length; i++) {
            cls[i] = data.labels().classIndex(data.labels().get(i));
        }
        int classes = data.labels().classCount();
        int[][] split = split(cls, classes, ctx);
        int[] trainRows = split[0];
        int[] valRows = split[1];
        Labels trainLabels = Labels.of(pick(cls, trainRows));
        float[] x = new float[data.size() * dim];
        double[] all = data.x().toArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) all[i];
        }
        LinkedHashMap<String, float[]> params = DeepNet.initialState(spec, dim, autoencoder, ctx.random("init"));
        DeepNet net = new DeepNet(spec, dim, autoencoder, params);
        int e = spec.embeddingSize();
        float[] weights = null;
        if (!autoencoder && loss.usesWeights()) {
            weights = toFloat(loss.initialWeights(classes, e, ctx.random("weights")));
        }
        Updater up = new Updater(train.optimizer().equals("adam"), train.weightDecay());
        Updater wup = new Updater(train.optimizer().equals("adam"), 0);
        State st = new State();
        Path ckpt = train.checkpoint().isEmpty() ? null : Path.of(train.checkpoint());
        if (ckpt != null && train.resume() && Files.exists(ckpt)) {
            weights = st.load(ckpt, params, weights, up, wup);
            params.forEach(net::set);
        }
        long nanos = 0;
        long samples = 0;
        boolean stopped = false;
        for (int epoch = st.epoch; epoch < train.epochs() && !stopped; epoch++) {
            SplittableRandom rng = ctx.random("epoch" + epoch);
            List<int[]> batches = train.batchSampler().epoch(trainLabels, rng);
            double sum = 0;
            long t0 = System.nanoTime();
            for (int[] b : batches) {
                int nb = b.length;
                int[] rows = new int[nb];
                int[] yb = new int[nb];
                for (int k = 0; k < nb; k++) {
                    rows[k] = trainRows[b[k]];
                    yb[k] = cls[rows[k]];
                }
                float[] xb = new float[nb * dim];
                for (int k = 0; k < nb; k++) {
                    System.arraycopy(x, rows[k] * dim, xb, k * dim, dim);
                }
                float[][] masks = masks(net.dropoutWidths(), nb, rng);
                Map<String, float[]> fwd = net.forward(xb, nb, masks);
                float[] out = fwd.get("output");
                double value;
                float[] g;
                double[] gw = null;
                if (autoencoder) {
                    g = new float[out.length];
                    double s = 0;
                    for (int i = 0; i < out.length; i++) {
                        double r = (double) out[i] - xb[i] * spec.inputScale();
                        s += r * r;
                        g[i] = (float) (2 * r / out.length);
                    }
                    value = s / out.length;
                } else {
                    double[] od = toDouble(out);
                    Tuples t = miner == null || epoch < train.minerWarmupEpochs() ? null : miner.mine(od, nb, e, yb, rng);
                    LossOutput lo = loss.evaluate(new LossBatch(od, nb, e, yb, t, weights == null ? null : toDouble(weights)));
                    value = lo.value();
                    g = toFloat(lo.gradEmbeddings());
                    gw = lo.gradWeights();
                }
                if (!Double.isFinite(value)) {
                    throw new IllegalStateException("the loss became non-finite at iteration " + st.iteration + "; lower the learning rate");
                }
                double factor = train.lrFactor(st.iteration, batches.size());
                Map<String, float[]> grads = net.gradients(xb, nb, masks, g);
                for (Map.Entry<String, float[]> ge : grads.entrySet()) {
                    float[] p = params.get(ge.getKey());
                    up.apply(ge.getKey(), p, ge.getValue(), train.lr() * factor);
                    net.set(ge.getKey(), p);
                }
                up.finishStep();
                updateRunningStats(fwd, params, net, nb);
                if (weights != null && gw != null) {
                    wup.apply("weights", weights, toFloat(gw), train.weightLr() * factor);
                    wup.finishStep();
                }
                st.iteration++;
                sum += value;
                ctx.progress().iteration((int) Math.min(Integer.MAX_VALUE, st.iteration), value);
            }
            long epochNanos = System.nanoTime() - t0;
            nanos += epochNanos;
            long epochSamples = 0;
            for (int[] b : batches) {
                epochSamples += b.length;
            }
            samples += epochSamples;
            double epochLoss = batches.isEmpty() ? 0 : sum / batches.size();
            st.epochLoss.add(epochLoss);
            ctx.progress().measure(Progress.EPOCH_LOSS, epoch + 1, epochLoss);
            if (epochNanos > 0) {
                ctx.progress().measure(Progress.SAMPLES_PER_SECOND, epoch + 1, epochSamples / (epochNanos / 1e9));
            }
            if (train.validates()) {
                double score = validate(net, x, dim, valRows, cls, ctx.seed());
                st.val.add(score);
                ctx.progress().measure(Progress.VALIDATION_MAP_AT_R, epoch + 1, score);
            }
            if (train.patience() > 0) {
                double score = st.val.get(st.val.size() - 1);
                if (score > st.best) {
                    st.best = score;
                    st.bestEpoch = epoch + 1;
                    st.bestState = net.state();
                    st.bad = 0;
                } else if (++st.bad >= train.patience()) {
                    stopped = true;
                }
            } else {
                st.bestEpoch = epoch + 1;
            }
            st.epoch = epoch + 1;
            if (ckpt != null) {
                st.save(ckpt, params, weights, up, wup);
            }
        }
        LinkedHashMap<String, float[]> finalState = st.bestState != null ? st.bestState : net.state();
        finalState.keySet().removeIf(k -> k.startsWith("dec") || k.startsWith("recon"));
        double last = st.epochLoss.isEmpty() ? Double.NaN : st.epochLoss.get(st.epochLoss.size() - 1);
        ctx.progress().finished((int) Math.min(Integer.MAX_VALUE, st.iteration), last, stopped);
        double sps = nanos == 0 ? 0 : samples / (nanos / 1e9);
        return new EmbeddingMetric(spec, dim, finalState, new TrainingLog(st.epochLoss, st.val, st.bestEpoch, st.iteration, sps));
    }

    private int[][] split(int[] cls, int classes, FitContext ctx) {
        if (!train.validates()) {
            int[] rows = new int[cls.length];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            return new int[][] {rows, new int[0]};
        }
        SplittableRandom r = ctx.random("validation");
        boolean[] val = new boolean[cls.length];
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < cls.length; i++) {
                if (cls[i] == c) {
                    members.add(i);
                }
            }
            int[] perm = FitContext.permutation(members.size(), r);
            int take = members.size() < 2 ? 0 : Math.max(1, (int) Math.round(train.validationFraction() * members.size()));
            for (int k = 0; k < take; k++) {
                val[members.get(perm[k])] = true;
            }
        }
        int nv = 0;
        for (boolean v : val) {
            nv += v ? 1 : 0;
        }
        int[] tr = new int[cls.length - nv];
        int[] va = new int[nv];
        int a = 0;
        int b = 0;
        for (int i = 0; i < cls.length; i++) {
            if (val[i]) {
                va[b++] = i;
            } else {
                tr[a++] = i;
            }
        }
        return new int[][] {tr, va};
    }

    private static double validate(DeepNet net, float[] x, int dim, int[] rows, int[] cls, long seed) {
        float[] xv = new float[rows.length * dim];
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(x, rows[k] * dim, xv, k * dim, dim);
        }
        float[] emb = net.infer(xv, rows.length, false);
        Matrix m = Matrix.of(rows.length, net.outputDim(), toDouble(emb));
        return RetrievalEvaluator.evaluateSelf(m, Labels.of(pick(cls, rows)), List.of("mean_average_precision_at_r"), seed)
                .get("mean_average_precision_at_r");
    }

    private void updateRunningStats(Map<String, float[]> fwd, Map<String, float[]> params, DeepNet net, int nb) {
        for (Map.Entry<String, float[]> en : fwd.entrySet()) {
            String k = en.getKey();
            if (!k.startsWith("bn_r")) {
                continue;
            }
            float[] run = params.get(k);
            float[] batch = en.getValue();
            double unbias = k.startsWith("bn_rv") && nb > 1 ? nb / (nb - 1.0) : 1.0;
            for (int i = 0; i < run.length; i++) {
                run[i] = (float) (0.9 * run[i] + 0.1 * batch[i] * unbias);
            }
            net.set(k, run);
        }
    }

    private float[][] masks(List<Integer> widths, int n, SplittableRandom rng) {
        float[][] m = new float[widths.size()][];
        float keep = (float) (1 / (1 - spec.dropout()));
        for (int l = 0; l < m.length; l++) {
            m[l] = new float[n * widths.get(l)];
            for (int i = 0; i < m[l].length; i++) {
                m[l][i] = rng.nextDouble() < spec.dropout() ? 0f : keep;
            }
        }
        return m;
    }

    static int[] pick(int[] v, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** Loop counters and early-stopping state; written to / read from checkpoints. */
    private static final class State {
        int epoch;
        long iteration;
        double best = Double.NEGATIVE_INFINITY;
        int bestEpoch;
        int bad;
        LinkedHashMap<String, float[]> bestState;
        final List<Double> epochLoss = new ArrayList<>();
        final List<Double> val = new ArrayList<>();

        void save(Path file, Map<String, float[]> params, float[] weights, Updater up, Updater wup) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
                    out.writeInt(Checkpoint.MAGIC);
                    out.writeInt(epoch);
                    out.writeLong(iteration);
                    out.writeDouble(best);
                    out.writeInt(bestEpoch);
                    out.writeInt(bad);
                    writeList(out, epochLoss);
                    writeList(out, val);
                    Checkpoint.writeArrays(out, params);
                    Checkpoint.writeArrays(out, weights == null ? Map.of() : Map.of("weights", weights));
                    Checkpoint.writeArrays(out, bestState == null ? Map.of() : bestState);
                    up.write(out);
                    wup.write(out);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot write checkpoint " + file, ex);
            }
        }

        float[] load(Path file, Map<String, float[]> params, float[] weights, Updater up, Updater wup) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
                if (in.readInt() != Checkpoint.MAGIC) {
                    throw new IllegalArgumentException(file + " is not a metric-deep checkpoint");
                }
                epoch = in.readInt();
                iteration = in.readLong();
                best = in.readDouble();
                bestEpoch = in.readInt();
                bad = in.readInt();
                readList(in, epochLoss);
                readList(in, val);
                Map<String, float[]> p = Checkpoint.readArrays(in);
                if (!p.keySet().equals(params.keySet())) {
                    throw new IllegalArgumentException("checkpoint " + file + " was written for a different network: " + p.keySet());
                }
                params.putAll(p);
                Map<String, float[]> w = Checkpoint.readArrays(in);
                LinkedHashMap<String, float[]> b = Checkpoint.readArrays(in);
                bestState = b.isEmpty() ? null : b;
                up.read(in);
                wup.read(in);
                return w.isEmpty() ? weights : w.get("weights");
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot read checkpoint " + file, ex);
            }
        }

        private static void writeList(DataOutputStream out, List<Double> l) throws IOException {
            out.writeInt(l.size());
            for (double d : l) {
                out.writeDouble(d);
            }
        }

        private static void readList(DataInputStream in, List<Double> l) throws IOException {
            l.clear();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                l.add(in.readDouble());
            }
        }
    }
}
