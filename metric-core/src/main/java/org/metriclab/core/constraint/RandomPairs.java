package org.metriclab.core.constraint;

import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;

/**
 * Uniformly random distinct similar pairs (same label) and dissimilar pairs (different labels),
 * unordered and without repeats while enough exist; similar pairs first. With {@code perKind ≤ 0}
 * the count is metric-learn's default 20·(number of classes)² of each kind.
 */
public record RandomPairs(int perKind) implements ConstraintSampler<Pairs> {
    @Override
    public Pairs sample(Dataset train, RandomGenerator rng) {
        Labels y = train.labels();
        int n = y.size();
        int count = perKind > 0 ? perKind : 20 * y.classCount() * y.classCount();
        long similarAvailable = 0;
        for (int s : y.classSizes()) {
            similarAvailable += (long) s * (s - 1) / 2;
        }
        long allPairs = (long) n * (n - 1) / 2;
        long dissimilarAvailable = allPairs - similarAvailable;
        if (similarAvailable == 0) {
            throw new IllegalArgumentException("no similar pairs can be formed: every class of '" + train.name() + "' has one sample");
        }
        if (dissimilarAvailable == 0) {
            throw new IllegalArgumentException("no dissimilar pairs can be formed: '" + train.name() + "' has a single class");
        }
        int ns = (int) Math.min(count, similarAvailable);
        int nd = (int) Math.min(count, dissimilarAvailable);
        int[] left = new int[ns + nd];
        int[] right = new int[ns + nd];
        boolean[] sim = new boolean[ns + nd];
        Set<Long> seen = new HashSet<>();
        int k = 0;
        for (boolean wantSimilar : new boolean[] {true, false}) {
            int target = wantSimilar ? ns : nd;
            long available = wantSimilar ? similarAvailable : dissimilarAvailable;
            int made = 0;
            long attempts = 0;
            while (made < target) {
                int i = rng.nextInt(n);
                int j = rng.nextInt(n);
                if (i == j || (y.get(i) == y.get(j)) != wantSimilar) {
                    continue;
                }
                long key = (long) Math.min(i, j) * n + Math.max(i, j);
                boolean fresh = seen.add(key);
                if (!fresh && ++attempts < 50L * available) {
                    continue;
                }
                left[k] = i;
                right[k] = j;
                sim[k] = wantSimilar;
                k++;
                made++;
            }
        }
        return new Pairs(left, right, sim);
    }
}
