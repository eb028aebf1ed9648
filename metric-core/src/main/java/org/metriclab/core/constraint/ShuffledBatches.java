package org.metriclab.core.constraint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.metriclab.core.data.Labels;
import org.metriclab.core.learn.FitContext;

/** Plain shuffling: a random permutation cut into batches (the last one may be smaller; dropped when dropLast). */
public record ShuffledBatches(int batchSize, boolean dropLast) implements BatchSampler {
    public ShuffledBatches {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
    }

    @Override
    public List<int[]> epoch(Labels labels, RandomGenerator rng) {
        int[] perm = FitContext.permutation(labels.size(), rng);
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < perm.length; s += batchSize) {
            int e = Math.min(perm.length, s + batchSize);
            if (e - s < batchSize && dropLast && !out.isEmpty()) {
                break;
            }
            out.add(Arrays.copyOfRange(perm, s, e));
        }
        return out;
    }
}
