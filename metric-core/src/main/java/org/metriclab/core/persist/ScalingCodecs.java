package org.metriclab.core.persist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metriclab.core.distance.DiagonalMetric;
import org.metriclab.core.distance.IdentityMetric;

/** Codecs for the metrics stored without a matrix: identity (its dimension) and diagonal (its weights). */
final class ScalingCodecs {
    private ScalingCodecs() {
    }

    static List<MetricCodec> all() {
        return List.of(
                new TypedCodec<>("identity", IdentityMetric.class, (m, codecs) -> field("dim", m.dim()), (state, codecs) -> identity(state)),
                new TypedCodec<>("diagonal", DiagonalMetric.class, (m, codecs) -> field("weights", MetricCodecs.list(m.weights())),
                        (state, codecs) -> new DiagonalMetric(MetricCodecs.vector(state.get("weights"), "weights"))));
    }

    /** A mutable one-field state, like every other codec's state. */
    private static Map<String, Object> field(String name, Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(name, value);
        return out;
    }

    private static IdentityMetric identity(Map<String, Object> state) {
        Object dim = state.get("dim");
        if (!(dim instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1
                || n.doubleValue() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("field 'dim' of an identity metric must be a positive integer, found " + dim);
        }
        return new IdentityMetric(n.intValue());
    }
}
