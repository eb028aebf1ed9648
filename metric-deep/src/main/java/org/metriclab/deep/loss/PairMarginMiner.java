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
        int[] self = new int[n];
        for (int i = 0; i < n; i++) {
            self[i] = i;
        }
        return mine(Miner.distances(x, n, d, PairMatrix.Kind.EUCLIDEAN), labels, labels, 0, self);
    }

    /**
     * The kept pairs of a query×reference distance matrix, row-major; reference column j becomes index
     * {@code offset + j}, and query i is never paired with its own column {@code self[i]}.
     */
    Tuples.Pairs mine(PairMatrix m, int[] rowLabels, int[] colLabels, int offset, int[] self) {
        PairCollector out = new PairCollector(m.rows, m.cols);
        for (int i = 0; i < m.rows; i++) {
            for (int j = 0; j < m.cols; j++) {
                double v = m.get(i, j);
                if (rowLabels[i] == colLabels[j]) {
                    if (j != self[i] && v > posMargin) {
                        out.positive(i, offset + j);
                    }
                } else if (v < negMargin) {
                    out.negative(i, offset + j);
                }
            }
        }
        return out.pairs();
    }
}
