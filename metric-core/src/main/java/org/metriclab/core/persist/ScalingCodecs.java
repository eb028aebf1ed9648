package org.metriclab.core.persist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metriclab.core.distance.DiagonalMetric;
import org.metriclab.core.distance.IdentityMetric;
import org.metriclab.core.distance.LearnedMetric;

/** Codecs for the metrics stored without a matrix: identity (its dimension) and diagonal (its weights). */
final class ScalingCodecs {
    private ScalingCodecs() {
    }

    static List<MetricCodec> all() {
        return List.of(new Identity(), new Diagonal());
    }

    private static final class Identity implements MetricCodec {
        @Override
        public String kind() {
            return "identity";
        }

        @Override
        public boolean canEncode(LearnedMetric metric) {
            return metric instanceof IdentityMetric;
        }

        @Override
        public Map<String, Object> encode(LearnedMetric metric, MetricCodecs codecs) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dim", ((IdentityMetric) metric).dim());
            return out;
        }

        @Override
        public LearnedMetric decode(Map<String, Object> state, MetricCodecs codecs) {
            Object dim = state.get("dim");
            if (!(dim instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1
                    || n.doubleValue() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("field 'dim' of an identity metric must be a positive integer, found " + dim);
            }
            return new IdentityMetric(n.intValue());
        }
    }

    private static final class Diagonal implements MetricCodec {
        @Override
        public String kind() {
            return "diagonal";
        }

        @Override
        public boolean canEncode(LearnedMetric metric) {
            return metric instanceof DiagonalMetric;
        }

        @Override
        public Map<String, Object> encode(LearnedMetric metric, MetricCodecs codecs) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("weights", MetricCodecs.list(((DiagonalMetric) metric).weights()));
            return out;
        }

        @Override
        public LearnedMetric decode(Map<String, Object> state, MetricCodecs codecs) {
            return new DiagonalMetric(MetricCodecs.vector(state.get("weights"), "weights"));
        }
    }
}
