package org.metriclab.core.persist;

import java.util.Map;
import org.metriclab.core.distance.LearnedMetric;

/**
 * Turns one kind of learned metric into a tree of plain values (maps, lists, numbers, strings) and
 * back, so models are stored as JSON without Java serialization. Modules with their own metric
 * types register a codec through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.metriclab.core.persist.MetricCodec}).
 */
public interface MetricCodec {
    /** The value of the "kind" field that marks this codec's models. */
    String kind();

    boolean canEncode(LearnedMetric metric);

    /** The state (without the "kind" field); nested metrics are encoded through {@code codecs}. */
    Map<String, Object> encode(LearnedMetric metric, MetricCodecs codecs);

    LearnedMetric decode(Map<String, Object> state, MetricCodecs codecs);
}
