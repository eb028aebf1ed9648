package org.metriclab.deep.loss;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.metriclab.core.learn.Params;

/**
 * PML {@code MultiSimilarityMiner(epsilon=0.1)} on cosine similarity S: keeps positive pair (a,p) if
 * {@code S_ap − ε < max_n S_an} and negative pair (a,n) if {@code S_an + ε > min_p S_ap} (max/min over all
 * negatives/positives of a). Pairs are listed per anchor in PML's order (ascending similarity).
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
        List<int[]> pos = new ArrayList<>();
        List<int[]> neg = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double maxNeg = Double.NEGATIVE_INFINITY;
            double minPos = Double.POSITIVE_INFINITY;
            List<Integer> ps = new ArrayList<>();
            List<Integer> ns = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                if (labels[j] == labels[i]) {
                    minPos = Math.min(minPos, s.get(i, j));
                    ps.add(j);
                } else {
                    maxNeg = Math.max(maxNeg, s.get(i, j));
                    ns.add(j);
                }
            }
            final int row = i;
            ps.sort((u, v) -> Double.compare(s.get(row, u), s.get(row, v)));
            ns.sort((u, v) -> Double.compare(s.get(row, u), s.get(row, v)));
            for (int j : ps) {
                if (s.get(i, j) - epsilon < maxNeg) {
                    pos.add(new int[] {i, j});
                }
            }
            for (int j : ns) {
                if (s.get(i, j) + epsilon > minPos) {
                    neg.add(new int[] {i, j});
                }
            }
        }
        return new Tuples.Pairs(pos.stream().mapToInt(t -> t[0]).toArray(), pos.stream().mapToInt(t -> t[1]).toArray(),
                neg.stream().mapToInt(t -> t[0]).toArray(), neg.stream().mapToInt(t -> t[1]).toArray());
    }
}
