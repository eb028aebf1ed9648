package org.metriclab.deep.loss;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.metriclab.core.learn.Params;

/**
 * PML {@code TripletMarginMiner(margin=0.2, type_of_triplets="all")}: over all triplets in (a,p,n)
 * row-major order, tm = d_an − d_ap; keeps {@code all}: tm ≤ margin; {@code semihard}: 0 < tm ≤ margin;
 * {@code hard}: tm ≤ 0; {@code easy}: tm > margin. ({@code batch_all} is every triplet.)
 */
public record TripletMarginMiner(double margin, TripletType type) implements Miner {
    /** Which triplets the miner keeps, by their margin term tm = d_an − d_ap. */
    public enum TripletType {
        /** tm ≤ margin. */
        ALL,
        /** 0 &lt; tm ≤ margin. */
        SEMIHARD,
        /** tm ≤ 0 (and ≤ margin). */
        HARD,
        /** tm &gt; margin. */
        EASY;

        boolean keep(double tm, double margin) {
            return switch (this) {
                case ALL -> tm <= margin;
                case SEMIHARD -> tm <= margin && tm > 0;
                case HARD -> tm <= margin && tm <= 0;
                case EASY -> tm > margin;
            };
        }
    }

    public TripletMarginMiner {
        if (type == null) {
            throw new IllegalArgumentException("type_of_triplets must be one of all, semihard, hard, easy");
        }
    }

    public static TripletMarginMiner from(Params p) {
        return new TripletMarginMiner(p.getDouble("margin", 0.2), p.getEnum("type_of_triplets", TripletType.ALL));
    }

    @Override
    public String name() {
        return "triplet_margin";
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("margin", margin);
        m.put("type_of_triplets", type.name().toLowerCase(Locale.ROOT));
        return m;
    }

    @Override
    public Tuples mine(double[] x, int n, int d, int[] labels, RandomGenerator rng) {
        PairMatrix m = Miner.distances(x, n, d, PairMatrix.Kind.EUCLIDEAN);
        int cap = 1024;
        int[] a = new int[cap];
        int[] p = new int[cap];
        int[] ng = new int[cap];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j == i || labels[j] != labels[i]) {
                    continue;
                }
                double ap = m.get(i, j);
                for (int l = 0; l < n; l++) {
                    if (labels[l] == labels[i] || !type.keep(m.m[i * n + l] - ap, margin)) {
                        continue;
                    }
                    if (k == a.length) {
                        a = Arrays.copyOf(a, 2 * k);
                        p = Arrays.copyOf(p, 2 * k);
                        ng = Arrays.copyOf(ng, 2 * k);
                    }
                    a[k] = i;
                    p[k] = j;
                    ng[k++] = l;
                }
            }
        }
        return new Tuples.Triplets(Arrays.copyOf(a, k), Arrays.copyOf(p, k), Arrays.copyOf(ng, k));
    }
}
