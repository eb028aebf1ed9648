package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.metriclab.core.learn.Params;

/**
 * PML {@code SoftTripleLoss(num_classes, embedding_size, centers_per_class=10, la=20, gamma=0.1,
 * margin=0.01)} (Qian, Shang, Sun, Hu, Li & Jin, ICCV 2019). Each class c has K centres w_{c,k} (weight
 * rows c·K + k); with cosines S_{i,ck} between the L2-normalised sample and centres, the class similarity
 * is s_ic = Σ_k softmax_k(S_{i,ck} / gamma) · S_{i,ck}, and term_i = cross-entropy of
 * la · (s_i − margin·[c = y_i]) with target y_i, times the sample's miner weight; default reducer
 * {@code mean}. As in PML, the paper's centre-merging regulariser is not part of the loss. Centres are
 * initialised like PML's {@code kaiming_uniform_(a=√5)}: uniform in ±1/√(C·K).
 */
public record SoftTripleLoss(int numClasses, int embeddingSize, int centersPerClass, double la, double gamma, double margin,
        Reducer reducer) implements MetricLoss {

    public SoftTripleLoss {
        if (numClasses < 0 || embeddingSize < 0) {
            throw new IllegalArgumentException("soft_triple: num_classes and embedding_size must be >= 0 (0 = from the weights)");
        }
        if (centersPerClass < 1) {
            throw new IllegalArgumentException("soft_triple: centers_per_class must be >= 1, got " + centersPerClass);
        }
        if (!(gamma > 0)) {
            throw new IllegalArgumentException("soft_triple: gamma must be > 0, got " + gamma);
        }
    }

    public static SoftTripleLoss from(Params p) {
        return new SoftTripleLoss(p.getInt("num_classes", 0), p.getInt("embedding_size", 0), p.getInt("centers_per_class", 10),
                p.getDouble("la", 20), p.getDouble("gamma", 0.1), p.getDouble("margin", 0.01), Reducer.parse(p.getString("reducer", "mean")));
    }

    @Override
    public String name() {
        return "soft_triple";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("num_classes", numClasses);
        m.put("embedding_size", embeddingSize);
        m.put("centers_per_class", centersPerClass);
        m.put("la", la);
        m.put("gamma", gamma);
        m.put("margin", margin);
        m.put("reducer", reducer.configName());
        return m;
    }

    @Override
    public boolean usesWeights() {
        return true;
    }

    @Override
    public double[] initialWeights(int classes, int dim, RandomGenerator rng) {
        int rows = (numClasses > 0 ? numClasses : classes) * centersPerClass;
        double bound = 1 / Math.sqrt(rows);
        double[] w = new double[rows * dim];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextDouble(-bound, bound);
        }
        return w;
    }

    /** The number of classes of a batch's centre block, after checking it against the parameters and labels. */
    private int classes(LossBatch b) {
        if (b.weights() == null) {
            throw new IllegalArgumentException("soft_triple needs its centres: a (C·centers_per_class)×D weight matrix");
        }
        int rows = b.weightRows();
        if (numClasses > 0 && rows != numClasses * centersPerClass) {
            throw new IllegalArgumentException("soft_triple: " + rows + " centre rows do not match num_classes=" + numClasses
                    + " × centers_per_class=" + centersPerClass);
        }
        if (rows % centersPerClass != 0) {
            throw new IllegalArgumentException("soft_triple: " + rows + " centre rows are not a multiple of centers_per_class="
                    + centersPerClass + "; set centers_per_class to the one the centres were made with");
        }
        if (embeddingSize > 0 && embeddingSize != b.d()) {
            throw new IllegalArgumentException("soft_triple: embedding_size=" + embeddingSize + " but the embeddings have " + b.d() + " columns");
        }
        int c = rows / centersPerClass;
        for (int y : b.labels()) {
            if (y < 0 || y >= c) {
                throw new IllegalArgumentException("soft_triple: label " + y + " has no centres; labels must be class indices in [0, " + c + ")");
            }
        }
        return c;
    }

    @Override
    public LossOutput evaluate(LossBatch b) {
        int c = classes(b);
        int n = b.n();
        int kc = centersPerClass;
        Embeddings e = new Embeddings(b.x(), n, b.d(), true);
        Embeddings w = new Embeddings(b.weights(), c * kc, b.d(), true);
        PairMatrix cos = new PairMatrix(PairMatrix.Kind.DOT, e, w);
        double[][] prob = new double[n][c * kc];
        double[][] sim = new double[n][c];
        double[] scaled = new double[kc];
        double[] soft = new double[kc];
        ClassLogitSoftmax ce = ClassLogitSoftmax.of(n, c, b.labels(), Tuples.weights(b.mined(), n), reducer, false, (i, logits) -> {
            for (int k = 0; k < c; k++) {
                for (int j = 0; j < kc; j++) {
                    scaled[j] = cos.get(i, k * kc + j) / gamma;
                }
                LogSumExp.of(scaled, kc, false, soft);
                double s = 0;
                for (int j = 0; j < kc; j++) {
                    prob[i][k * kc + j] = soft[j];
                    s += soft[j] * cos.get(i, k * kc + j);
                }
                sim[i][k] = s;
                logits[k] = la * (s - (k == b.labels()[i] ? margin : 0));
            }
        });
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c; k++) {
                double dSim = ce.sampleCoef(i) * la * ce.softmaxMinusTarget(i, k);
                if (dSim == 0) {
                    continue;
                }
                for (int j = 0; j < kc; j++) {
                    int col = k * kc + j;
                    // d s_ic / d S_{i,col} = p (1 + (S − s) / gamma)
                    cos.addGrad(i, col, dSim * prob[i][col] * (1 + (cos.get(i, col) - sim[i][k]) / gamma));
                }
            }
        }
        cos.backward();
        return new LossOutput(ce.value(), e.rawGradient(), w.rawGradient());
    }
}
