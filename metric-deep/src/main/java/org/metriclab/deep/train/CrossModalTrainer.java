package org.metriclab.deep.train;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.metriclab.deep.NetSpec;
import org.metriclab.deep.TrainingLog;
import org.metriclab.deep.crossmodal.CrossModalLoss;
import org.metriclab.deep.crossmodal.CrossModalMetric;
import org.metriclab.deep.crossmodal.Modalities;
import org.metriclab.deep.dl4j.DeepNet;
import org.metriclab.deep.loss.LossOutput;

/**
 * Training of two towers (one {@link DeepNet} of the same {@link NetSpec} per modality, separate weights)
 * into one shared space. Per batch of the sampler: forward pass of each tower on its own columns, the
 * {@link CrossModalLoss} on the stacked embeddings in float64, back-propagation of each half of its
 * gradient through its tower, and one optimizer step per tower. Every random choice comes from streams
 * of the fit seed (tower initialisations, one stream per epoch for batches and dropout).
 */
public final class CrossModalTrainer {
    private static final String LEARNER = "cross_modal";
    private final NetSpec spec;
    private final TrainSpec train;
    private final CrossModalLoss loss;
    private final Modalities modalities;

    public CrossModalTrainer(NetSpec spec, TrainSpec train, CrossModalLoss loss, Modalities modalities) {
        if (train.validation().enabled() || train.checkpointing().file().isPresent()) {
            throw new IllegalArgumentException("cross_modal trains for the given epochs without validation or checkpoints; "
                    + "remove patience, track_validation and checkpoint from its parameters");
        }
        this.spec = spec;
        this.train = train;
        this.loss = loss;
        this.modalities = modalities;
    }

    public CrossModalMetric fit(Dataset data, FitContext ctx) {
        modalities.requireWithin(data.dim());
        int n = data.size();
        int[] cls = new int[n];
        for (int i = 0; i < n; i++) {
            cls[i] = data.labels().classIndex(data.labels().get(i));
        }
        Tower a = new Tower("a", modalities.a().slice(data.x()), ctx, data.labels().classCount());
        Tower b = new Tower("b", modalities.b().slice(data.x()), ctx, data.labels().classCount());
        Labels labels = Labels.of(cls);
        int e = spec.embeddingSize();
        TrainSpec.Optimization opt = train.optimization();
        List<Double> epochLoss = new ArrayList<>();
        long iteration = 0;
        long nanos = 0;
        long samples = 0;
        for (int epoch = 0; epoch < train.epochs(); epoch++) {
            SplittableRandom rng = ctx.random("epoch" + epoch);
            List<int[]> batches = train.batching().batchSampler().epoch(labels, rng);
            double sum = 0;
            long t0 = System.nanoTime();
            for (int[] rows : batches) {
                int nb = rows.length;
                int[] yb = new int[nb];
                for (int k = 0; k < nb; k++) {
                    yb[k] = cls[rows[k]];
                }
                Step sa = a.forward(rows, rng);
                Step sb = b.forward(rows, rng);
                LossOutput lo = loss.evaluate(sa.output(), sb.output(), nb, e, yb);
                if (!Double.isFinite(lo.value())) {
                    throw diverged("the training loss became " + lo.value() + " at iteration " + (iteration + 1) + " (epoch " + (epoch + 1) + ")");
                }
                double lr = opt.lr() * train.lrFactor(iteration, batches.size());
                float[] g = Trainer.toFloat(lo.gradEmbeddings());
                a.backward(sa, Arrays.copyOfRange(g, 0, nb * e), lr);
                b.backward(sb, Arrays.copyOfRange(g, nb * e, 2 * nb * e), lr);
                iteration++;
                sum += lo.value();
                samples += nb;
                ctx.progress().iteration((int) Math.min(Integer.MAX_VALUE, iteration), lo.value());
            }
            nanos += System.nanoTime() - t0;
            double mean = batches.isEmpty() ? 0 : sum / batches.size();
            epochLoss.add(mean);
            ctx.progress().measure(Progress.EPOCH_LOSS, epoch + 1, mean);
        }
        double last = epochLoss.isEmpty() ? Double.NaN : epochLoss.get(epochLoss.size() - 1);
        ctx.progress().finished((int) Math.min(Integer.MAX_VALUE, iteration), last, true);
        TrainingLog log = new TrainingLog(epochLoss, List.of(), train.epochs(), iteration, nanos == 0 ? 0 : samples / (nanos / 1e9));
        return new CrossModalMetric(modalities, data.dim(), a.metric(log), b.metric(log));
    }

    private FitException diverged(String reason) {
        return new FitException(LEARNER, reason + ": the optimisation diverged",
                "lower the learning rate (lr " + train.optimization().lr() + ") or standardize the features");
    }

    /** A batch's forward pass through one tower: its inputs, dropout masks, forward values and float64 output. */
    private record Step(float[] x, int n, float[][] masks, Map<String, float[]> forward, double[] output) {
    }

    /** One modality's network, weights and optimizer state. */
    private final class Tower {
        private final String name;
        private final int dim;
        private final float[] x;
        private final LinkedHashMap<String, float[]> params;
        private final DeepNet net;
        private final Updater updater;

        Tower(String name, Matrix features, FitContext ctx, int classes) {
            this.name = name;
            this.dim = features.cols();
            TrainingFootprint.of(spec, train, features.rows(), dim, classes, false)
                    .require(LEARNER + " tower " + name + " on " + features.rows() + " rows of " + dim + " columns");
            double[] all = features.toArray();
            x = new float[all.length];
            for (int i = 0; i < all.length; i++) {
                x[i] = (float) all[i];
                if (!Float.isFinite(x[i])) {
                    throw new IllegalArgumentException(LEARNER + " trains in float32: value " + all[i] + " in modality " + name
                            + " is not a finite float32 (|x| <= 3.4e38); standardize or rescale the features");
                }
            }
            params = DeepNet.initialState(spec, dim, false, ctx.random("init_" + name));
            net = new DeepNet(spec, dim, false, params);
            updater = new Updater(train.optimization().optimizer(), train.optimization().weightDecay());
        }

        Step forward(int[] rows, SplittableRandom rng) {
            int nb = rows.length;
            float[] xb = new float[nb * dim];
            for (int k = 0; k < nb; k++) {
                System.arraycopy(x, rows[k] * dim, xb, k * dim, dim);
            }
            float[][] masks = Trainer.masks(net.dropoutWidths(), nb, spec.dropout(), rng);
            Map<String, float[]> fwd = net.forward(xb, nb, masks);
            float[] out = fwd.get("output");
            for (float v : out) {
                if (!Float.isFinite(v)) {
                    throw diverged("tower " + name + "'s output became non-finite");
                }
            }
            return new Step(xb, nb, masks, fwd, Trainer.toDouble(out));
        }

        void backward(Step s, float[] g, double lr) {
            Map<String, float[]> grads = net.gradients(s.x(), s.n(), s.masks(), g);
            for (Map.Entry<String, float[]> ge : grads.entrySet()) {
                float[] p = params.get(ge.getKey());
                updater.apply(ge.getKey(), p, ge.getValue(), lr);
                net.set(ge.getKey(), p);
            }
            updater.finishStep();
            for (Map.Entry<String, float[]> en : s.forward().entrySet()) {
                if (en.getKey().startsWith("bn_r")) {
                    float[] run = params.get(en.getKey());
                    float[] batch = en.getValue();
                    double unbias = en.getKey().startsWith("bn_rv") && s.n() > 1 ? s.n() / (s.n() - 1.0) : 1.0;
                    for (int i = 0; i < run.length; i++) {
                        run[i] = (float) (0.9 * run[i] + 0.1 * batch[i] * unbias);
                    }
                    net.set(en.getKey(), run);
                }
            }
        }

        EmbeddingMetric metric(TrainingLog log) {
            LinkedHashMap<String, float[]> state = net.state();
            for (Map.Entry<String, float[]> en : state.entrySet()) {
                for (float v : en.getValue()) {
                    if (!Float.isFinite(v)) {
                        throw diverged("tower " + name + "'s trained weights " + en.getKey() + " became non-finite");
                    }
                }
            }
            return new EmbeddingMetric(spec, dim, state, log);
        }
    }
}
