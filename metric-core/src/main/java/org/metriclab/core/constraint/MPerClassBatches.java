package org.metriclab.core.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitContext;

/**
 * Class-balanced batches (pytorch-metric-learning's MPerClassSampler): each batch holds
 * batchSize/m classes with m samples each; classes with fewer than m samples are drawn with
 * replacement. An epoch has ⌊n / batchSize⌋ batches (at least one).
 */
public record MPerClassBatches(int m, int batchSize) implements BatchSampler {
    public MPerClassBatches {
        if (m < 1 || batchSize < m || batchSize % m != 0) {
            throw new IllegalArgumentException("batch size must be a positive multiple of m; got m=" + m + ", batchSize=" + batchSize);
        }
    }

    @Override
    public List<int[]> epoch(Labels labels, RandomGenerator rng) {
        int[] classes = labels.classes();
        int perBatch = batchSize / m;
        if (classes.length < perBatch) {
            throw new IllegalArgumentException("a batch of " + batchSize + " with m=" + m + " needs " + perBatch
                    + " classes, the data has " + classes.length);
        }
        int[][] members = new int[classes.length][];
        for (int c = 0; c < classes.length; c++) {
            members[c] = labels.indicesOf(classes[c]);
        }
        int batches = Math.max(1, labels.size() / batchSize);
        List<int[]> out = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            int[] pick = FitContext.permutation(classes.length, rng);
            int[] batch = new int[batchSize];
            int k = 0;
            for (int c = 0; c < perBatch; c++) {
                int[] pool = members[pick[c]];
                if (pool.length >= m) {
                    int[] perm = FitContext.permutation(pool.length, rng);
                    for (int s = 0; s < m; s++) {
                        batch[k++] = pool[perm[s]];
                    }
                } else {
                    for (int s = 0; s < m; s++) {
                        batch[k++] = pool[rng.nextInt(pool.length)];
                    }
                }
            }
            out.add(batch);
        }
        return out;
    }
}
