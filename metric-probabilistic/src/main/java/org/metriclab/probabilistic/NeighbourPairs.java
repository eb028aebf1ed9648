package org.metriclab.probabilistic;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.metriclab.core.constraint.ConstraintSampler;
import org.metriclab.core.constraint.Pairs;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;

/**
 * Pairs from k-NN neighbourhoods (IML's sampling): for every row, its {@code k} nearest same-class
 * rows give similar pairs and its {@code k} nearest other-class rows dissimilar ones, Euclidean
 * distances, ties to the lower index; a pair found from both ends is kept once. A class with fewer
 * rows uses all it has. Deterministic: the random stream is not used.
 */
record NeighbourPairs(int k) implements ConstraintSampler<Pairs> {
    NeighbourPairs {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1 (neighbours per row and kind), got " + k);
        }
    }

    @Override
    public Pairs sample(Dataset train, RandomGenerator rng) {
        train.requireAtLeastTwoClasses("k-NN pairs");
        double[][] rows = train.x().toRows();
        Labels y = train.labels();
        int n = rows.length;
        Set<Long> similar = new LinkedHashSet<>();
        Set<Long> dissimilar = new LinkedHashSet<>();
        double[] dist = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dist[j] = KMeansCentres.squared(rows[i], rows[j]);
            }
            int label = y.get(i);
            int self = i;
            for (int j : GenuineImpostorTriplets.smallest(dist, j -> j != self && y.get(j) == label, k)) {
                similar.add(key(i, j, n));
            }
            for (int j : GenuineImpostorTriplets.smallest(dist, j -> y.get(j) != label, k)) {
                dissimilar.add(key(i, j, n));
            }
        }
        int m = similar.size() + dissimilar.size();
        int[] left = new int[m];
        int[] right = new int[m];
        boolean[] same = new boolean[m];
        int c = 0;
        for (Set<Long> kind : java.util.List.of(similar, dissimilar)) {
            for (long key : kind) {
                left[c] = (int) (key / n);
                right[c] = (int) (key % n);
                same[c++] = kind == similar;
            }
        }
        return new Pairs(left, right, same);
    }

    private static long key(int i, int j, int n) {
        return (long) Math.min(i, j) * n + Math.max(i, j);
    }
}
