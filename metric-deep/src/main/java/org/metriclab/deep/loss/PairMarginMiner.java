package org.metriclab.deep.loss;

import java.util.Arrays;
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
        int[] a1 = new int[n * n];
        int[] p = new int[n * n];
        int[] a2 = new int[n * n];
        int[] ng = new int[n * n];
        int kp = 0;
        int kn = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = m.get(i, j);
                if (labels[i] == labels[j]) {
                    if (i != j && v > posMargin) {
                        a1[kp] = i;
                        p[kp++] = j;
                    }
                } else if (v < negMargin) {
                    a2[kn] = i;
                    ng[kn++] = j;
                }
            }
        }
        return new Tuples.Pairs(Arrays.copyOf(a1, kp), Arrays.copyOf(p, kp), Arrays.copyOf(a2, kn), Arrays.copyOf(ng, kn));
    }
}
