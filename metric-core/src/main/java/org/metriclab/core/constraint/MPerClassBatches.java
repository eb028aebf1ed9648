package org.metriclab.core.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitContext;

/**
 * Class-balanced batches (pytorch-metric-learning's MPerClassSampler): each batch holds batchSize/m
 * classes, drawn afresh for every batch, with m samples each, drawn without replacement (or with
 * replacement when a class has fewer than m samples). An epoch has ⌊epochLength / batchSize⌋ batches,
 * epochLength being PML's {@code length_before_new_iter} (its default 100000); with epochLength 0 an
 * epoch has ⌊n / batchSize⌋ batches (at least one), about one pass over the data.
 */
public record MPerClassBatches(int m, int batchSize, int epochLength) implements BatchSampler {
    /** An epoch of ⌊n / batchSize⌋ batches. */
    public MPerClassBatches(int m, int batchSize) {
        this(m, batchSize, 0);
    }

    public MPerClassBatches {
        if (m < 1 || batchSize < m || batchSize % m != 0) {
            throw new IllegalArgumentException("batch size must be a positive multiple of m; got m=" + m + ", batchSize=" + batchSize);
        }
        if (epochLength < 0 || (epochLength > 0 && epochLength < batchSize)) {
            throw new IllegalArgumentException("epoch length must be 0 (one pass over the data) or at least the batch size "
                    + batchSize + "; got " + epochLength);
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
        int batches = epochLength > 0 ? epochLength / batchSize : Math.max(1, labels.size() / batchSize);
        List<int[]> out = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            int[] pick = FitContext.permutation(classes.length, rng);
            int[] batch = new int[batchSize];
            int k = 0;
            for (int c = 0; c < perBatch; c++) {
                int[] pool = members[pick[c]];
                if (pool.length >= m) {
                    // partial Fisher–Yates: m distinct members, uniformly; the pool's order carries over
                    // between batches, which keeps every draw uniform
                    for (int s = 0; s < m; s++) {
                        int j = s + rng.nextInt(pool.length - s);
                        int t = pool[s];
                        pool[s] = pool[j];
                        pool[j] = t;
                        batch[k++] = pool[s];
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
