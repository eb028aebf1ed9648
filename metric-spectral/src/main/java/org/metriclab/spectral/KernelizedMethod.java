package org.metriclab.spectral;

import java.util.Locale;
import org.metriclab.core.constraint.Chunklets;
import org.metriclab.core.constraint.Constraints;
import org.metriclab.core.constraint.RandomChunklets;
import org.metriclab.core.constraint.RandomPairs;
import org.metriclab.core.distance.MahalanobisMetric;
import org.metriclab.core.learn.Params;
import org.metriclab.core.learn.Supervised;

/**
 * The linear spectral learners that {@link KernelSpectralLearner} runs in kernel feature space, each
 * label-supervised with the same constraint sampler and parameters as its linear catalogue entry.
 */
public enum KernelizedMethod {
    MARGIN_SPECTRAL, TRACE_SPECTRAL, REGULARIZED_SPECTRAL, RCA, DCA;

    /** The catalogue name of the kernel form, e.g. {@code kernel_rca}. */
    public String key() {
        return "kernel_" + name().toLowerCase(Locale.ROOT);
    }

    /** The linear learner with its parameters read from {@code p}. */
    Supervised<?, MahalanobisMetric> linear(Params p) {
        return switch (this) {
            case MARGIN_SPECTRAL -> new Supervised<>(MarginSpectralLearner.from(p), new RandomPairs(p.getInt("constraints", 0)));
            case TRACE_SPECTRAL -> new Supervised<>(TraceSpectralLearner.from(p), new RandomPairs(p.getInt("constraints", 0)));
            case REGULARIZED_SPECTRAL -> new Supervised<>(RegularizedSpectralLearner.from(p), new RandomPairs(p.getInt("constraints", 0)));
            case RCA -> new Supervised<>(RcaLearner.from(p), new RandomChunklets(p.getInt("chunks", 100), p.getInt("chunk_size", 2)));
            case DCA -> new Supervised<>(DcaLearner.from(p), new RandomPairs(p.getInt("constraints", 0)));
        };
    }

    /**
     * The most kernel feature-space dimensions the sampled constraints support: RCA whitens by the
     * within-chunklet covariance, which spans at most Σ_j (|chunklet j| − 1) dimensions; the others
     * regularise their scatters and take any number.
     */
    int componentLimit(Constraints constraints) {
        if (this == RCA && constraints instanceof Chunklets chunklets) {
            int freedom = 0;
            for (int[] g : RcaLearner.groups(chunklets)) {
                freedom += g.length - 1;
            }
            return Math.max(1, freedom);
        }
        return Integer.MAX_VALUE;
    }
}
