package org.metriclab.core.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;

/**
 * LMNN-style triplets: for each row, its k target neighbours (nearest same-class rows) paired with
 * {@code impostors} randomly drawn differently-labelled rows each (all such rows when ≤ 0).
 */
public record KnnTriplets(int k, int impostors) implements ConstraintSampler<Triplets> {
    public KnnTriplets {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
    }

    @Override
    public Triplets sample(Dataset train, RandomGenerator rng) {
        train.requireAtLeastTwoClasses("kNN triplet sampling");
        Labels y = train.labels();
        int[][] targets = TargetNeighbors.of(train.x(), y, k);
        int n = y.size();
        List<int[]> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = y.get(i);
            int[] others = IntStream.range(0, n).filter(j -> y.get(j) != label).toArray();
            for (int p : targets[i]) {
                if (impostors <= 0) {
                    for (int o : others) {
                        t.add(new int[] {i, p, o});
                    }
                } else {
                    for (int m = 0; m < impostors; m++) {
                        t.add(new int[] {i, p, others[rng.nextInt(others.length)]});
                    }
                }
            }
        }
        int[] a = new int[t.size()];
        int[] p = new int[t.size()];
        int[] q = new int[t.size()];
        for (int m = 0; m < a.length; m++) {
            a[m] = t.get(m)[0];
            p[m] = t.get(m)[1];
            q[m] = t.get(m)[2];
        }
        return new Triplets(a, p, q);
    }
}
