package org.metriclab.deep.spd;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.metriclab.core.constraint.MPerClassBatches;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitContext;
import org.metriclab.core.learn.FitException;
import org.metriclab.core.learn.MetricLearner;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Progress;
import org.metriclab.core.linalg.Matrix;
import org.metriclab.deep.loss.LossBatch;
import org.metriclab.deep.loss.LossOutput;
import org.metriclab.deep.loss.Losses;
import org.metriclab.deep.loss.MetricLoss;
import org.metriclab.deep.loss.Miner;
import org.metriclab.deep.loss.NestedParams;
import org.metriclab.deep.loss.Tuples;

/**
 * Learner {@code spd_net}: each row becomes an SPD matrix ({@code descriptor} region, the covariance
 * descriptor of a square image; blocks, with {@code blocks}; gaussian, for any vector; {@code ridge}
 * 1e-3; see {@link CovarianceDescriptor}), embedded by an {@link SpdNet}
 * ({@code bimaps} [5]: the orders of the successive BiMap+ReEig layers; {@code reeig_epsilon} 1e-4;
 * {@code embedding_size} 16, 0 for the flattened log-matrix itself; {@code normalize} true), trained with a
 * registered metric {@code loss} (default contrastive; parameters {@code loss.NAME}; losses with class
 * weights are refused) and optional {@code miner}, on m_per_class batches ({@code batch_size} 64,
 * {@code m} 8) for {@code epochs} 10 by SGD of learning rate {@code lr} 0.01: Riemannian with QR
 * retraction for the BiMap weights, Euclidean for the dense layer.
 */
public record SpdNetLearner(CovarianceDescriptor descriptor, List<Integer> bimaps, double reEigEpsilon, int embeddingSize, boolean normalize,
        MetricLoss loss, Miner miner, int epochs, int batchSize, int m, double lr) implements MetricLearner<SpdMetric> {
    private static final String NAME = "spd_net";

    /** The config names of the descriptors. */
    private enum Descriptor { REGION, BLOCKS, GAUSSIAN }

    public SpdNetLearner {
        bimaps = List.copyOf(bimaps);
        if (epochs < 1 || batchSize < 2 || m < 1 || embeddingSize < 0 || !(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("spd_net needs epochs >= 1, batch_size >= 2, m >= 1, embedding_size >= 0 and lr > 0; got "
                    + epochs + ", " + batchSize + ", " + m + ", " + embeddingSize + ", " + lr);
        }
        if (loss.usesWeights()) {
            throw new IllegalArgumentException("loss: spd_net trains with losses on embeddings alone (e.g. contrastive, triplet_margin, multi_similarity); "
                    + loss.name() + " owns class weights");
        }
    }

    public static SpdNetLearner from(Params p) {
        double ridge = p.getDouble("ridge", 1e-3);
        CovarianceDescriptor descriptor = switch (p.getEnum("descriptor", Descriptor.REGION)) {
            case REGION -> new RegionCovariance(ridge);
            case BLOCKS -> new BlockCovariance(p.getInt("blocks", 2), ridge);
            case GAUSSIAN -> new GaussianEmbedding(ridge);
        };
        List<Integer> orders = new ArrayList<>();
        for (double d : p.getDoubleList("bimaps", List.of(5.0))) {
            if (d != Math.rint(d) || d < 1 || d > 10_000) {
                throw new IllegalArgumentException("bimaps must list matrix orders (integers in [1, 10000]), got " + d);
            }
            orders.add((int) d);
        }
        double eps = p.getDouble("reeig_epsilon", 1e-4);
        int embedding = p.getInt("embedding_size", 16);
        boolean normalize = p.getBoolean("normalize", true);
        String lossName = p.getString("loss", "contrastive");
        NestedParams lossParams = new NestedParams(p, "loss.");
        MetricLoss loss = Losses.loss(lossName, lossParams.values());
        lossParams.readBack(loss.params());
        Miner miner = null;
        String minerName = p.getString("miner", "none");
        if (!minerName.equals("none")) {
            NestedParams minerParams = new NestedParams(p, "miner.");
            miner = Losses.miner(minerName, minerParams.values());
            minerParams.readBack(miner.params());
        }
        return new SpdNetLearner(descriptor, orders, eps, embedding, normalize, loss, miner, p.getInt("epochs", 10), p.getInt("batch_size", 64),
                p.getInt("m", 8), p.getDouble("lr", 0.01));
    }

    @Override
    public SpdMetric fit(Dataset data, FitContext ctx) {
        data.requireAtLeastTwoClasses(NAME);
        int order = descriptor.order(data.dim());
        SpdNet net = SpdNet.initial(order, bimaps, embeddingSize, reEigEpsilon, normalize, ctx.random("init"));
        int n = data.size();
        Matrix[] x = new Matrix[n];
        double[] row = new double[data.dim()];
        int[] cls = new int[n];
        for (int i = 0; i < n; i++) {
            data.x().copyRow(i, row);
            for (int j = 0; j < row.length; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(NAME + ": row " + (i + 1) + ", feature " + (j + 1) + " is " + row[j] + "; the features must be finite");
                }
            }
            x[i] = descriptor.describe(row);
            if (!x[i].isFinite()) {
                throw new IllegalArgumentException(NAME + ": the " + descriptor.configName() + " descriptor of row " + (i + 1)
                        + " holds a non-finite value (the descriptor overflowed); rescale the features");
            }
            cls[i] = data.labels().classIndex(data.labels().get(i));
        }
        Labels labels = Labels.of(cls);
        MetricLoss runLoss = loss.forRun();
        MPerClassBatches sampler = new MPerClassBatches(m, batchSize, 0);
        int e = net.outputDim();
        long iteration = 0;
        double last = Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            SplittableRandom rng = ctx.random("epoch" + epoch);
            List<int[]> batches = sampler.epoch(labels, rng);
            double sum = 0;
            for (int[] b : batches) {
                int nb = b.length;
                SpdNet.Trace[] traces = new SpdNet.Trace[nb];
                double[] emb = new double[nb * e];
                int[] yb = new int[nb];
                for (int k = 0; k < nb; k++) {
                    traces[k] = net.forward(x[b[k]]);
                    System.arraycopy(traces[k].out(), 0, emb, k * e, e);
                    yb[k] = cls[b[k]];
                }
                Tuples t = miner == null ? null : miner.mine(emb, nb, e, yb, rng);
                LossOutput lo = runLoss.evaluate(new LossBatch(emb, nb, e, yb, t, null));
                if (!Double.isFinite(lo.value())) {
                    throw new FitException(NAME, "the training loss became " + lo.value() + " at iteration " + (iteration + 1),
                            "lower the learning rate (lr " + lr + ")");
                }
                SpdNet.Gradients total = null;
                for (int k = 0; k < nb; k++) {
                    double[] g = new double[e];
                    System.arraycopy(lo.gradEmbeddings(), k * e, g, 0, e);
                    SpdNet.Gradients one = net.backward(traces[k], g);
                    total = total == null ? one : add(total, one);
                }
                try {
                    net = net.step(total, lr);
                } catch (ArithmeticException | IllegalArgumentException ex) {
                    throw new FitException(NAME, "the SPDNet update failed at iteration " + (iteration + 1) + ": " + ex.getMessage(),
                            "lower the learning rate (lr " + lr + ")");
                }
                iteration++;
                sum += lo.value();
                ctx.progress().iteration((int) Math.min(Integer.MAX_VALUE, iteration), lo.value());
            }
            last = batches.isEmpty() ? 0 : sum / batches.size();
            ctx.progress().measure(Progress.EPOCH_LOSS, epoch + 1, last);
        }
        ctx.progress().finished((int) Math.min(Integer.MAX_VALUE, iteration), last, true);
        return new SpdMetric(descriptor, data.dim(), net);
    }

    private static SpdNet.Gradients add(SpdNet.Gradients a, SpdNet.Gradients b) {
        List<Matrix> w = new ArrayList<>();
        for (int l = 0; l < a.bimaps().size(); l++) {
            w.add(a.bimaps().get(l).plus(b.bimaps().get(l)));
        }
        double[] bias = null;
        if (a.bias() != null) {
            bias = a.bias().clone();
            for (int j = 0; j < bias.length; j++) {
                bias[j] += b.bias()[j];
            }
        }
        return new SpdNet.Gradients(w, a.fc() == null ? null : a.fc().plus(b.fc()), bias, a.input().plus(b.input()));
    }
}
