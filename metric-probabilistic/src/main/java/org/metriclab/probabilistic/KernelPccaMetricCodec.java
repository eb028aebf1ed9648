package org.metriclab.probabilistic;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.persist.MetricCodec;
import org.metriclab.core.persist.MetricCodecs;

/** Stores a {@link KernelPccaMetric} as its references, bandwidth and coefficients (kind "kernel_pcca"). */
public final class KernelPccaMetricCodec implements MetricCodec {
    @Override
    public String kind() {
        return "kernel_pcca";
    }

    @Override
    public boolean canEncode(LearnedMetric metric) {
        return metric instanceof KernelPccaMetric;
    }

    @Override
    public Map<String, Object> encode(LearnedMetric metric, MetricCodecs codecs) {
        KernelPccaMetric k = (KernelPccaMetric) metric;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("references", MetricCodecs.rows(k.references()));
        out.put("sigma", k.sigma());
        out.put("a", MetricCodecs.rows(k.a()));
        return out;
    }

    @Override
    public LearnedMetric decode(Map<String, Object> state, MetricCodecs codecs) {
        if (!(state.get("sigma") instanceof Number sigma)) {
            throw new IllegalArgumentException("field 'sigma' must be a number, found " + state.get("sigma"));
        }
        return new KernelPccaMetric(MetricCodecs.matrix(state.get("references"), "references"), sigma.doubleValue(),
                MetricCodecs.matrix(state.get("a"), "a"));
    }
}
