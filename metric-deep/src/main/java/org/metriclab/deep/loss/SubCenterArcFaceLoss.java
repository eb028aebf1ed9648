package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.metriclab.core.learn.Params;

/**
 * PML {@code SubCenterArcFaceLoss(num_classes, embedding_size, margin=28.6, scale=64, sub_centers=3)}
 * (Deng et al., ECCV 2020): every class owns K sub-centre rows; the class cosine is the largest cosine of
 * x_i to that class's sub-centres (the gradient reaches only that sub-centre), then ArcFace's additive
 * angular margin (in degrees) and scale, per-sample cross-entropy times the miner weight, reducer
 * {@code mean}. The weights are stored (C·K)×D, row {@code c·K + j} for sub-centre j of class c (PML's
 * column order), initialised N(0, 1).
 */
public record SubCenterArcFaceLoss(int numClasses, int embeddingSize, double margin, double scale, int subCenters, Reducer reducer)
        implements MetricLoss {

    public SubCenterArcFaceLoss {
        if (subCenters < 1) {
            throw new IllegalArgumentException("sub_centers must be at least 1, got " + subCenters);
        }
    }

    public static SubCenterArcFaceLoss from(Params p) {
        return new SubCenterArcFaceLoss(p.getInt("num_classes", 0), p.getInt("embedding_size", 0), p.getDouble("margin", 28.6),
                p.getDouble("scale", 64), p.getInt("sub_centers", 3), Reducer.parse(p.getString("reducer", "mean")));
    }

    @Override
    public String name() {
        return "subcenter_arcface";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("num_classes", numClasses);
        m.put("embedding_size", embeddingSize);
        m.put("margin", margin);
        m.put("scale", scale);
        m.put("sub_centers", subCenters);
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public boolean usesWeights() {
        return true;
    }

    @Override
    public double[] initialWeights(int classes, int dim, RandomGenerator rng) {
        int c = numClasses > 0 ? numClasses : classes;
        return MetricLoss.gaussian(c * subCenters * dim, 1.0, rng);
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        if (b.weights() == null) {
            throw new IllegalArgumentException(name() + " needs a (C·sub_centers)×D weight matrix");
        }
        int rows = b.weightRows();
        if (rows % subCenters != 0) {
            throw new IllegalArgumentException(name() + ": " + rows + " weight rows are not a multiple of sub_centers=" + subCenters);
        }
        int c = rows / subCenters;
        if (numClasses > 0 && numClasses != c) {
            throw new IllegalArgumentException(name() + ": " + rows + " weight rows do not match num_classes=" + numClasses + " × sub_centers=" + subCenters);
        }
        if (embeddingSize > 0 && embeddingSize != b.d()) {
            throw new IllegalArgumentException(name() + ": embedding_size=" + embeddingSize + " but the embeddings have " + b.d() + " columns");
        }
        for (int y : b.labels()) {
            if (y < 0 || y >= c) {
                throw new IllegalArgumentException(name() + ": label " + y + " has no sub-centres; labels must be class indices in [0, " + c + ")");
            }
        }
        int n = b.n();
        Embeddings e = new Embeddings(b.x(), n, b.d(), true);
        Embeddings w = new Embeddings(b.weights(), rows, b.d(), true);
        PairMatrix cos = new PairMatrix(PairMatrix.Kind.DOT, e, w);
        double m = Math.toRadians(margin);
        int[][] best = new int[n][c];
        double[] targetSlope = new double[n];
        ClassLogitSoftmax ce = ClassLogitSoftmax.of(n, c, b.labels(), Tuples.weights(b.mined(), n), reducer, false, (i, logits) -> {
            int y = b.labels()[i];
            for (int k = 0; k < c; k++) {
                int arg = k * subCenters;
                for (int j = 1; j < subCenters; j++) {
                    if (cos.get(i, k * subCenters + j) > cos.get(i, arg)) {
                        arg = k * subCenters + j;
                    }
                }
                best[i][k] = arg;
                logits[k] = scale * cos.get(i, arg);
            }
            double[] target = AngularMarginLoss.arcMargin(cos.get(i, best[i][y]), m);
            logits[y] = scale * target[0];
            targetSlope[i] = target[1];
        });
        for (int i = 0; i < n; i++) {
            int y = b.labels()[i];
            double ci = ce.sampleCoef(i) * scale;
            for (int k = 0; k < c; k++) {
                cos.addGrad(i, best[i][k], ci * ce.softmaxMinusTarget(i, k) * (k == y ? targetSlope[i] : 1));
            }
        }
        cos.backward();
        return new LossOutput(ce.value(), e.rawGradient(), w.rawGradient());
    }
}
