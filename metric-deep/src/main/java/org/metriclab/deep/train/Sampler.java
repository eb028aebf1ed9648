package org.metriclab.deep.train;

import java.util.Locale;
import org.metriclab.core.constraint.BatchSampler;
import org.metriclab.core.constraint.MPerClassBatches;
import org.metriclab.core.constraint.ShuffledBatches;

/** How an epoch's batches are drawn; config names {@code m_per_class} and {@code shuffle}. */
public enum Sampler {
    /**
     * m samples of each of batch_size / m classes per batch (PML's MPerClassSampler; classes with fewer
     * than m samples drawn with replacement).
     */
    M_PER_CLASS,
    /** One pass over the shuffled rows in consecutive batches. */
    SHUFFLE;

    /** The batch sampler of this kind for the given batch size, m and epoch length (0 = ⌊n / batch_size⌋ batches). */
    BatchSampler batches(int batchSize, int m, int epochLength) {
        return switch (this) {
            case M_PER_CLASS -> new MPerClassBatches(m, batchSize, epochLength);
            case SHUFFLE -> new ShuffledBatches(batchSize, false);
        };
    }

    /** The name used in configs. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
