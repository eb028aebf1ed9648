package org.metriclab.deep.crossmodal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.persist.MetricCodec;
import org.metriclab.core.persist.MetricCodecs;
import org.metriclab.deep.EmbeddingMetric;
import org.metriclab.deep.EmbeddingMetricCodec;

/**
 * Stores a {@link CrossModalMetric} in the JSON model file as kind {@code cross_modal}: the modalities
 * ({@code [[a0, a1], [b0, b1]]}), the input dimension and both towers as {@code deep_embedding} objects.
 */
public final class CrossModalMetricCodec implements MetricCodec {
    private final EmbeddingMetricCodec towers = new EmbeddingMetricCodec();

    @Override
    public String kind() {
        return "cross_modal";
    }

    @Override
    public boolean canEncode(LearnedMetric metric) {
        return metric instanceof CrossModalMetric;
    }

    @Override
    public Map<String, Object> encode(LearnedMetric metric, MetricCodecs codecs) {
        CrossModalMetric m = (CrossModalMetric) metric;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modalities", m.modalities().configText());
        out.put("input_dim", m.inputDim());
        out.put("tower_a", towers.encode(m.towerA(), codecs));
        out.put("tower_b", towers.encode(m.towerB(), codecs));
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public LearnedMetric decode(Map<String, Object> state, MetricCodecs codecs) {
        if (!(state.get("modalities") instanceof String mod) || !(state.get("input_dim") instanceof Number dim)
                || !(state.get("tower_a") instanceof Map<?, ?> a) || !(state.get("tower_b") instanceof Map<?, ?> b)) {
            throw new IllegalArgumentException("a cross_modal metric needs 'modalities' (text), 'input_dim' (number), 'tower_a' and 'tower_b' (objects)");
        }
        return new CrossModalMetric(Modalities.parse(mod), dim.intValue(), (EmbeddingMetric) towers.decode((Map<String, Object>) a, codecs),
                (EmbeddingMetric) towers.decode((Map<String, Object>) b, codecs));
    }
}
