package org.metriclab.deep.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.deep.EmbeddingMetric;
import org.metriclab.deep.NetKind;
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
 * At the end {@link Progress#finished} reports the run as converged: its stopping rule is the epoch
 * budget (or early stopping), not a convergence test with an iteration cap, so running all epochs is
 * the normal end of training and not a convergence failure.
 *
 * <p>Failures: before anything is allocated, {@link TrainingFootprint} refuses networks too large for
 * one array or for the heap; inputs beyond the float32 range are an {@link IllegalArgumentException};
 * a non-finite loss or non-finite trained weights (divergence) are a {@link FitException} with a hint,
 * never a model whose embeddings are NaN.
 */
public final class Trainer {
    private final NetSpec spec;
    private final TrainSpec train;
    private final MetricLoss loss;
    private final Miner miner;
    private final boolean autoencoder;
    private final String learner;

    public Trainer(NetSpec spec, TrainSpec train, MetricLoss loss, Miner miner, boolean autoencoder) {
        this.spec = spec;
        this.train = train;
        this.loss = loss;
        this.miner = miner;
        this.autoencoder = autoencoder;
        this.learner = autoencoder ? "autoencoder" : "deep_metric";
    }

    public EmbeddingMetric fit(Dataset data, FitContext ctx) {
        int dim = data.dim();
        int[] cls = new int[data.size()];
        for (int i = 0; i < cls.length; i++) {
            cls[i] = data.labels().classIndex(data.labels().get(i));
        }
        int classes = data.labels().classCount();
        TrainingFootprint.of(spec, train, data.size(), dim, classes, autoencoder)
                .require(learner + " training of " + describe(dim) + " on " + data.size() + " rows (batch_size " + train.batching().batchSize() + ")");
        int[][] split = split(cls, classes, ctx);
        int[] trainRows = split[0];
        int[] valRows = split[1];
        Labels trainLabels = Labels.of(pick(cls, trainRows));
        float[] x = new float[data.size() * dim];
        double[] all = data.x().toArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) all[i];
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException(learner + " trains in float32: value " + all[i] + " at row " + (i / dim + 1) + ", feature "
                        + (i % dim + 1) + " is not a finite float32 (|x| <= 3.4e38); standardize or rescale the features");
            }
        }
        LinkedHashMap<String, float[]> params = DeepNet.initialState(spec, dim, autoencoder, ctx.random("init"));
        DeepNet net = new DeepNet(spec, dim, autoencoder, params);
        int e = spec.embeddingSize();
        float[] weights = null;
        if (!autoencoder && loss.usesWeights()) {
            weights = toFloat(loss.initialWeights(classes, e, ctx.random("weights")));
        }
        TrainSpec.Optimization opt = train.optimization();
        Updater up = new Updater(opt.optimizer(), opt.weightDecay());
        Updater wup = new Updater(opt.optimizer(), 0);
        RunState st = new RunState();
        Path ckpt = train.checkpointing().file().orElse(null);
        MetricLoss runLoss = autoencoder ? null : loss.forRun();
        if (ckpt != null && train.checkpointing().resume() && Files.exists(ckpt)) {
            weights = st.load(ckpt, params, weights, up, wup);
            params.forEach(net::set);
            if (runLoss != null) {
                st.restoreMemory(ckpt, runLoss, e, classes);
            }
        }
        long nanos = 0;
        long samples = 0;
        boolean stopped = false;
        for (int epoch = st.epoch; epoch < train.epochs() && !stopped; epoch++) {
            SplittableRandom rng = ctx.random("epoch" + epoch);
            List<int[]> batches = train.batching().batchSampler().epoch(trainLabels, rng);
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
                float[][] masks = masks(net.dropoutWidths(), nb, spec.dropout(), rng);
                Map<String, float[]> fwd = net.forward(xb, nb, masks);
                float[] out = fwd.get("output");
                if (!finite(out)) {
                    throw diverged("the network output became non-finite at iteration " + (st.iteration + 1) + " (epoch " + (epoch + 1) + ")");
                }
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
                    LossOutput lo = runLoss.evaluate(new LossBatch(od, nb, e, yb, t, weights == null ? null : toDouble(weights)));
                    value = lo.value();
                    g = toFloat(lo.gradEmbeddings());
                    gw = lo.gradWeights();
                }
                if (!Double.isFinite(value)) {
                    throw diverged("the training loss became " + value + " at iteration " + (st.iteration + 1) + " (epoch " + (epoch + 1) + ")");
                }
                double factor = train.lrFactor(st.iteration, batches.size());
                Map<String, float[]> grads = net.gradients(xb, nb, masks, g);
                for (Map.Entry<String, float[]> ge : grads.entrySet()) {
                    float[] p = params.get(ge.getKey());
                    up.apply(ge.getKey(), p, ge.getValue(), opt.lr() * factor);
                    net.set(ge.getKey(), p);
                }
                up.finishStep();
                updateRunningStats(fwd, params, net, nb);
                if (weights != null && gw != null) {
                    wup.apply("weights", weights, toFloat(gw), opt.weightLr() * factor);
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
            if (train.validation().enabled()) {
                double score = validate(net, x, dim, valRows, cls, ctx.seed());
                st.val.add(score);
                ctx.progress().measure(Progress.VALIDATION_MAP_AT_R, epoch + 1, score);
            }
            if (train.validation().patience() > 0) {
                double score = st.val.get(st.val.size() - 1);
                if (score > st.best) {
                    st.best = score;
                    st.bestEpoch = epoch + 1;
                    st.bestState = net.state();
                    st.bad = 0;
                } else if (++st.bad >= train.validation().patience()) {
                    stopped = true;
                }
            } else {
                st.bestEpoch = epoch + 1;
            }
            st.epoch = epoch + 1;
            if (ckpt != null) {
                st.save(ckpt, params, weights, up, wup, runLoss == null ? java.util.Optional.empty() : runLoss.memoryState());
            }
        }
        LinkedHashMap<String, float[]> finalState = st.bestState != null ? st.bestState : net.state();
        finalState.keySet().removeIf(k -> k.startsWith("dec") || k.startsWith("recon"));
        requireFinite(finalState);
        double last = st.epochLoss.isEmpty() ? Double.NaN : st.epochLoss.get(st.epochLoss.size() - 1);
        ctx.progress().finished((int) Math.min(Integer.MAX_VALUE, st.iteration), last, true);
        double sps = nanos == 0 ? 0 : samples / (nanos / 1e9);
        return new EmbeddingMetric(spec, dim, finalState, new TrainingLog(st.epochLoss, st.val, st.bestEpoch, st.iteration, sps));
    }

    /** The network's layer widths for messages, e.g. {@code mlp 4 → 256 → 128 → 64}. */
    private String describe(int dim) {
        StringBuilder b = new StringBuilder(spec.net().configName()).append(' ').append(dim);
        if (spec.net() == NetKind.CNN) {
            b.append(" → conv ").append(spec.convChannels());
        }
        for (int h : spec.hidden()) {
            b.append(" → ").append(h);
        }
        return b.append(" → ").append(spec.embeddingSize()).toString();
    }

    private FitException diverged(String reason) {
        return new FitException(learner, reason + ": the optimisation diverged",
                "lower the learning rate (lr " + train.optimization().lr() + ") or standardize the features");
    }

    /** Weights that became non-finite in the last updates would embed every row as NaN. */
    private void requireFinite(Map<String, float[]> state) {
        for (Map.Entry<String, float[]> en : state.entrySet()) {
            if (!finite(en.getValue())) {
                throw diverged("the trained weights " + en.getKey() + " became non-finite");
            }
        }
    }

    private static boolean finite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private int[][] split(int[] cls, int classes, FitContext ctx) {
        if (!train.validation().enabled()) {
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
            int take = members.size() < 2 ? 0 : Math.max(1, (int) Math.round(train.validation().fraction() * members.size()));
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

    /** Inverted-dropout masks for a batch of n rows: per dropout layer, 0 with probability {@code dropout}, else 1/(1 − dropout). */
    static float[][] masks(List<Integer> widths, int n, double dropout, SplittableRandom rng) {
        float[][] m = new float[widths.size()][];
        float keep = (float) (1 / (1 - dropout));
        for (int l = 0; l < m.length; l++) {
            m[l] = new float[n * widths.get(l)];
            for (int i = 0; i < m[l].length; i++) {
                m[l][i] = rng.nextDouble() < dropout ? 0f : keep;
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
}
