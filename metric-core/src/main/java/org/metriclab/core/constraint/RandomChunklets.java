package org.metriclab.core.constraint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.metriclab.core.data.Dataset;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitContext;

/**
 * Chunklets of {@code size} same-class rows, {@code chunks} in all, drawn without reusing a row
 * (metric-learn's RCA_Supervised: 100 chunks of 2). Classes are visited at random; a class keeps
 * giving chunklets while it has unused rows.
 */
public record RandomChunklets(int chunks, int size) implements ConstraintSampler<Chunklets> {
    public RandomChunklets {
        if (chunks < 1 || size < 2) {
            throw new IllegalArgumentException("need chunks >= 1 and size >= 2, got chunks=" + chunks + ", size=" + size);
        }
    }

    @Override
    public Chunklets sample(Dataset train, RandomGenerator rng) {
        Labels y = train.labels();
        int n = y.size();
        int[] chunkOf = new int[n];
        Arrays.fill(chunkOf, -1);
        int[] classes = y.classes();
        List<List<Integer>> pools = new ArrayList<>();
        for (int c : classes) {
            int[] idx = y.indicesOf(c);
            int[] perm = FitContext.permutation(idx.length, rng);
            List<Integer> pool = new ArrayList<>();
            for (int p : perm) {
                pool.add(idx[p]);
            }
            pools.add(pool);
        }
        int made = 0;
        while (made < chunks) {
            List<Integer> eligible = new ArrayList<>();
            for (int c = 0; c < pools.size(); c++) {
                if (pools.get(c).size() >= size) {
                    eligible.add(c);
                }
            }
            if (eligible.isEmpty()) {
                if (made == 0) {
                    throw new IllegalArgumentException("no class of '" + train.name() + "' has " + size + " samples for a chunklet");
                }
                break;
            }
            List<Integer> pool = pools.get(eligible.get(rng.nextInt(eligible.size())));
            for (int s = 0; s < size; s++) {
                chunkOf[pool.remove(pool.size() - 1)] = made;
            }
            made++;
        }
        return new Chunklets(chunkOf);
    }
}
