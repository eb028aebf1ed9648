package org.metriclab.core.persist;

import java.util.Map;
import org.metriclab.core.distance.LearnedMetric;

/**
 * A codec for exactly one metric class: it encodes the instances of {@code type} and marks them with
 * {@code kind}, so each of metric-core's codecs states only its two conversions.
 */
record TypedCodec<M extends LearnedMetric>(String kind, Class<M> type, Encoder<M> encoder, Decoder decoder) implements MetricCodec {

    /** The state of one metric of the codec's class; nested metrics go through {@code codecs}. */
    @FunctionalInterface
    interface Encoder<M> {
        Map<String, Object> encode(M metric, MetricCodecs codecs);
    }

    /** The metric of a stored state; nested metrics go through {@code codecs}. */
    @FunctionalInterface
    interface Decoder {
        LearnedMetric decode(Map<String, Object> state, MetricCodecs codecs);
    }

    @Override
    public boolean canEncode(LearnedMetric metric) {
        return type.isInstance(metric);
    }

    @Override
    public Map<String, Object> encode(LearnedMetric metric, MetricCodecs codecs) {
        return encoder.encode(type.cast(metric), codecs);
    }

    @Override
    public LearnedMetric decode(Map<String, Object> state, MetricCodecs codecs) {
        return decoder.decode(state, codecs);
    }
}
