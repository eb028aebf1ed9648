package org.metriclab.spectral;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.persist.MetricCodec;
import org.metriclab.core.persist.MetricCodecs;

/** Stores an {@link LlmaMetric} as kind "llma": sigma and steps [{centres (rows), translations (rows)}, …]. */
public final class LlmaMetricCodec implements MetricCodec {
    @Override
    public String kind() {
        return "llma";
    }

    @Override
    public boolean canEncode(LearnedMetric metric) {
        return metric instanceof LlmaMetric;
    }

    @Override
    public Map<String, Object> encode(LearnedMetric metric, MetricCodecs codecs) {
        LlmaMetric l = (LlmaMetric) metric;
        List<Map<String, Object>> steps = new ArrayList<>();
        for (LlmaStep s : l.steps()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("centres", MetricCodecs.rows(s.centres()));
            step.put("translations", MetricCodecs.rows(s.translations()));
            steps.add(step);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sigma", l.sigma());
        out.put("steps", steps);
        return out;
    }

    @Override
    public LearnedMetric decode(Map<String, Object> state, MetricCodecs codecs) {
        if (!(state.get("sigma") instanceof Number sigma)) {
            throw new IllegalArgumentException("field 'sigma' must be a number, found " + state.get("sigma"));
        }
        if (!(state.get("steps") instanceof List<?> raw) || raw.isEmpty()) {
            throw new IllegalArgumentException("field 'steps' must be a non-empty list of {centres, translations}");
        }
        List<LlmaStep> steps = new ArrayList<>();
        for (Object o : raw) {
            if (!(o instanceof Map<?, ?> step)) {
                throw new IllegalArgumentException("every entry of 'steps' must be an object with centres and translations, found " + o);
            }
            steps.add(new LlmaStep(MetricCodecs.matrix(step.get("centres"), "steps.centres"),
                    MetricCodecs.matrix(step.get("translations"), "steps.translations")));
        }
        return new LlmaMetric(sigma.doubleValue(), steps);
    }
}
