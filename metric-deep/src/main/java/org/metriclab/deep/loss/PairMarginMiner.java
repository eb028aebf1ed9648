package org.metriclab.deep.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.metriclab.core.learn.Params;

/**
 * PML {@code PairMarginMiner(pos_margin=0.2, neg_margin=0.8)}: keeps ordered positive pairs with
 * d > pos_margin and negative pairs with d < neg_margin (Euclidean, normalised), row-major.
 */
public record PairMarginMiner(double posMargin, double negMargin) implements Miner {

    public static PairMarginMiner from(Params p) {
        return new PairMarginMiner(p.getDouble("pos_margin", 0.2), p.getDouble("neg_margin", 0.8));
    }

    @Override
    public String name() {
        return "pair_margin";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pos_margin", posMargin);
        m.put("neg_margin", negMargin);
        return m;
    }

    @Override
    public Tuples mine(double[] x, int n, int d, int[] labels, RandomGenerator rng) {
        PairMatrix m = Miner.distances(x, n, d, PairMatrix.Kind.EUCLIDEAN);
        PairCollector out = new PairCollector(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = m.get(i, j);
                if (labels[i] == labels[j]) {
                    if (i != j && v > posMargin) {
                        out.positive(i, j);
                    }
                } else if (v < negMargin) {
                    out.negative(i, j);
                }
            }
        }
        return out.pairs();
    }
}
