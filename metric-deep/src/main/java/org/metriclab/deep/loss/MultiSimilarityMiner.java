package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.metriclab.core.learn.Params;

/**
 * PML {@code MultiSimilarityMiner(epsilon=0.1)} on cosine similarity S: keeps positive pair (a,p) if
 * {@code S_ap − ε < max_n S_an} and negative pair (a,n) if {@code S_an + ε > min_p S_ap} (max/min over all
 * negatives/positives of a). Pairs are listed row-major (PML orders them by similarity within an anchor; only NPairsLoss is order-sensitive).
 */
public record MultiSimilarityMiner(double epsilon) implements Miner {

    public static MultiSimilarityMiner from(Params p) {
        return new MultiSimilarityMiner(p.getDouble("epsilon", 0.1));
    }

    @Override
    public String name() {
        return "multi_similarity";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epsilon", epsilon);
        return m;
    }

    @Override
    public Tuples mine(double[] x, int n, int d, int[] labels, RandomGenerator rng) {
        PairMatrix s = Miner.distances(x, n, d, PairMatrix.Kind.DOT);
        PairCollector out = new PairCollector(n);
        for (int i = 0; i < n; i++) {
            double maxNeg = Double.NEGATIVE_INFINITY;
            double minPos = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                double v = s.m[i * n + j];
                if (j == i) {
                    continue;
                }
                if (labels[j] == labels[i]) {
                    minPos = Math.min(minPos, v);
                } else {
                    maxNeg = Math.max(maxNeg, v);
                }
            }
            for (int j = 0; j < n; j++) {
                double v = s.m[i * n + j];
                if (j == i) {
                    continue;
                }
                if (labels[j] == labels[i]) {
                    if (v - epsilon < maxNeg) {
                        out.positive(i, j);
                    }
                } else if (v + epsilon > minPos) {
                    out.negative(i, j);
                }
            }
        }
        return out.pairs();
    }
}
