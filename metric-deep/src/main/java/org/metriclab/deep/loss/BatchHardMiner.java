package org.metriclab.deep.loss;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.metriclab.core.learn.Params;

/**
 * PML {@code BatchHardMiner} (= {@code BatchEasyHardMiner(pos_strategy="hard", neg_strategy="hard")},
 * Hermans et al. 2017): for every anchor with at least one positive and one negative, the farthest
 * positive ({@code hard}; {@code easy} = the closest, Xuan et al. 2020) and the closest negative
 * ({@code hard}; {@code easy} = the farthest); one triplet per anchor, anchors ascending. Ties: lowest index.
 * {@code allowed_pos_range}/{@code allowed_neg_range} must be null.
 */
public record BatchHardMiner(boolean hardPositive, boolean hardNegative) implements Miner {

    public static BatchHardMiner from(Params p) {
        boolean hp = strategy(p.getString("pos_strategy", "hard"), "pos_strategy");
        boolean hn = strategy(p.getString("neg_strategy", "hard"), "neg_strategy");
        for (String k : new String[] {"allowed_pos_range", "allowed_neg_range"}) {
            String v = p.getString(k, null);
            if (v != null && !v.equals("null") && !v.equals("None")) {
                throw new IllegalArgumentException(k + " is not supported (must be null), got " + v);
            }
        }
        return new BatchHardMiner(hp, hn);
    }

    private static boolean strategy(String s, String key) {
        return switch (s) {
            case "hard" -> true;
            case "easy" -> false;
            default -> throw new IllegalArgumentException(key + " must be 'hard' or 'easy', got '" + s + "'");
        };
    }

    @Override
    public String name() {
        return "batch_hard";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pos_strategy", hardPositive ? "hard" : "easy");
        m.put("neg_strategy", hardNegative ? "hard" : "easy");
        m.put("allowed_pos_range", null);
        m.put("allowed_neg_range", null);
        return m;
    }

    @Override
    public Tuples mine(double[] x, int n, int d, int[] labels, RandomGenerator rng) {
        PairMatrix m = Miner.distances(x, n, d, PairMatrix.Kind.EUCLIDEAN);
        int[] a = new int[n];
        int[] p = new int[n];
        int[] ng = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int bp = -1;
            int bn = -1;
            for (int j = 0; j < n; j++) {
                double v = m.get(i, j);
                if (labels[j] == labels[i]) {
                    if (j != i && (bp < 0 || (hardPositive ? v > m.get(i, bp) : v < m.get(i, bp)))) {
                        bp = j;
                    }
                } else if (bn < 0 || (hardNegative ? v < m.get(i, bn) : v > m.get(i, bn))) {
                    bn = j;
                }
            }
            if (bp >= 0 && bn >= 0) {
                a[k] = i;
                p[k] = bp;
                ng[k++] = bn;
            }
        }
        return new Tuples.Triplets(Arrays.copyOf(a, k), Arrays.copyOf(p, k), Arrays.copyOf(ng, k));
    }
}
