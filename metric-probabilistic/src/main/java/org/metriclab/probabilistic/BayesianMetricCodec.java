package org.metriclab.probabilistic;

import java.util.LinkedHashMap;
import java.util.Map;
import org.metriclab.core.distance.LearnedMetric;
import org.metriclab.core.persist.MetricCodec;
import org.metriclab.core.persist.MetricCodecs;

/** Stores a {@link BayesianMetric} as its basis, posterior mean and posterior covariance (kind "bayesian"). */
public final class BayesianMetricCodec implements MetricCodec {
    @Override
    public String kind() {
        return "bayesian";
    }

    @Override
    public boolean canEncode(LearnedMetric metric) {
        return metric instanceof BayesianMetric;
    }

    @Override
    public Map<String, Object> encode(LearnedMetric metric, MetricCodecs codecs) {
        BayesianMetric b = (BayesianMetric) metric;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("basis", MetricCodecs.rows(b.basis()));
        out.put("mean", MetricCodecs.rows(b.posteriorMean()));
        out.put("covariance", MetricCodecs.rows(b.posteriorCovariance()));
        return out;
    }

    @Override
    public LearnedMetric decode(Map<String, Object> state, MetricCodecs codecs) {
        return new BayesianMetric(MetricCodecs.matrix(state.get("basis"), "basis"), MetricCodecs.matrix(state.get("mean"), "mean"),
                MetricCodecs.matrix(state.get("covariance"), "covariance"));
    }
}
